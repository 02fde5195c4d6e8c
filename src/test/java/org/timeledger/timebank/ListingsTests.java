package org.timeledger.timebank;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.ids;
import static org.timeledger.testing.Api.object;

/**
 * Offers and requests over HTTP: posting for oneself or for a member, what other members may see,
 * the open list's filters, responses, matches and their rules, each at its boundary.
 */
public abstract class ListingsTests extends ServiceTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    TestClock clock;

    /** A timebank with a category that needs vetting and one that does not, two members and a coordinator. */
    record Bank(String code, MemberLogin ada, MemberLogin bea, Api coordinator) {
    }

    Bank bank() {
        String code = createScheme().get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "gardening", "name", "Gardening")), 201);
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "befriending", "name", "Befriending",
                "requiresVetting", true)), 201);
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Timebank")).field("id");
        return new Bank(code, memberLogin(code, "Ada Lovelace"), memberLogin(code, "Bea Brown"),
                staff(code, "COORDINATOR", organisation));
    }

    /** Today in the scheme (Europe/London) by the service's clock, which a test may have moved. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LONDON);
    }

    static Map<String, Object> listing(Object... fields) {
        Map<String, Object> body = object("kind", "OFFER", "categoryCode", "gardening", "title", "Help with the garden",
                "description", "Weeding and mowing at weekends");
        body.putAll(object(fields));
        return body;
    }

    static Api.Reply post(Api as, Bank b, Map<String, Object> body) {
        return as.post("/v1/schemes/" + b.code() + "/listings", body);
    }

    static String posted(Api as, Bank b, Map<String, Object> body) {
        Api.Reply reply = post(as, b, body);
        expect(reply, 201);
        return reply.field("id");
    }

    static Api.Reply respond(Api as, String listing, String message) {
        return as.post("/v1/listings/" + listing + "/responses", object("message", message));
    }

    static Api.Reply match(Api as, String listing, String memberId) {
        return as.post("/v1/listings/" + listing + "/matches", object("memberId", memberId));
    }

    static List<String> open(Api as, Bank b, String query) {
        Api.Reply reply = as.get("/v1/schemes/" + b.code() + "/listings" + query);
        expect(reply, 200);
        return ids(reply.json().get("items"), "id");
    }

    static void expectInvalid(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").findValuesAsText("field")).as(reply.toString())
                .anyMatch(f -> f.endsWith(field));
    }

    static void expectRule(Api.Reply reply, String rule) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("rule_violated");
        assertThat(reply.field("rule")).isEqualTo(rule);
        assertThat(reply.field("detail")).isNotBlank();
    }

    static void expectProblem(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
    }

    private void vet(String memberId, LocalDate checkedOn, LocalDate expiresOn) {
        expect(admin.send("PUT", "/v1/members/" + memberId + "/vetting", object("status", "CLEARED",
                "checkedOn", checkedOn.toString(), "expiresOn", expiresOn.toString())), 200);
    }

    // ---- posting, and who sees what ----

    @Test
    void aMemberPostsAnOfferAndOtherMembersSeeOnlyTheFirstNameAndWard() {
        Bank b = bank();

        Api.Reply created = post(b.ada().api(), b, listing("ward", " Kentish Town "));

        expect(created, 201);
        String id = created.field("id");
        assertThat(created.header("Location")).contains("/v1/listings/" + id);
        JsonNode mine = created.json();
        assertThat(mine.get("status").asText()).isEqualTo("OPEN");
        assertThat(mine.get("kind").asText()).isEqualTo("OFFER");
        assertThat(mine.get("categoryName").asText()).isEqualTo("Gardening");
        assertThat(mine.get("requiresVetting").asBoolean()).isFalse();
        assertThat(mine.get("ward").asText()).isEqualTo("Kentish Town");
        assertThat(mine.get("mine").asBoolean()).isTrue();
        assertThat(mine.get("memberId").asText()).isEqualTo(b.ada().memberId());
        assertThat(mine.get("responseCount").asInt()).isZero();
        assertThat(mine.get("expiresOn").asText()).as("90 days by default").isEqualTo(today().plusDays(90).toString());

        Api.Reply seen = b.bea().api().get("/v1/listings/" + id);
        expect(seen, 200);
        assertThat(seen.field("ownerName")).isEqualTo("Ada");
        assertThat(seen.field("ward")).isEqualTo("Kentish Town");
        assertThat(seen.json().get("mine").asBoolean()).isFalse();
        assertThat(seen.json().has("memberId")).isFalse();
        assertThat(seen.json().has("responseCount")).isFalse();
        Api.Reply list = b.bea().api().get("/v1/schemes/" + b.code() + "/listings");
        assertThat(ids(list.json().get("items"), "id")).containsExactly(id);
        for (Api.Reply reply : List.of(seen, list)) {
            assertThat(reply.body()).doesNotContain(b.ada().memberId()).doesNotContain("Lovelace")
                    .doesNotContain(b.ada().cardNumber()).doesNotContain(b.ada().accountId());
        }

        Api.Reply staff = b.coordinator().get("/v1/listings/" + id);
        assertThat(staff.field("ownerName")).isEqualTo("Ada Lovelace");
        assertThat(staff.field("memberId")).isEqualTo(b.ada().memberId());
        assertThat(staff.json().get("responseCount").asInt()).isZero();
        assertThat(ids(b.ada().api().get("/v1/me/listings").json().get("items"), "id")).containsExactly(id);
        assertThat(b.bea().api().get("/v1/me/listings").json().get("items")).isEmpty();
    }

    @Test
    void titleAndDescriptionAtTheirLimits() {
        Bank b = bank();
        Api ada = b.ada().api();

        expect(post(ada, b, listing("title", "t".repeat(120))), 201);
        expectInvalid(post(ada, b, listing("title", "t".repeat(121))), "title");
        expectInvalid(post(ada, b, listing("title", "")), "title");
        expectInvalid(post(ada, b, listing("title", "   ")), "title");
        expect(post(ada, b, listing("description", "d".repeat(2_000))), 201);
        expectInvalid(post(ada, b, listing("description", "d".repeat(2_001))), "description");
        expectInvalid(post(ada, b, listing("ward", "w".repeat(101))), "ward");
        expectInvalid(post(ada, b, listing("categoryCode", "knitting")), "categoryCode");
        expectProblem(post(ada, b, listing("kind", "OFFERS")), 400, "validation_failed");
        assertThat(ada.get("/v1/me/listings").json().get("items")).hasSize(2);
    }

    @Test
    void expiresOnRunsFromTodayToAYearAhead() {
        Bank b = bank();
        Api ada = b.ada().api();
        LocalDate today = today();

        expect(post(ada, b, listing("expiresOn", today.toString())), 201);
        expectInvalid(post(ada, b, listing("expiresOn", today.minusDays(1).toString())), "expiresOn");
        expect(post(ada, b, listing("expiresOn", today.plusYears(1).toString())), 201);
        expectInvalid(post(ada, b, listing("expiresOn", today.plusYears(1).plusDays(1).toString())), "expiresOn");
    }

    @Test
    void aMemberPostsForThemselvesAndStaffNameTheMember() {
        Bank b = bank();
        Bank elsewhere = bank();

        expectInvalid(post(b.ada().api(), b, listing("memberId", b.ada().memberId())), "memberId");
        expectInvalid(post(b.coordinator(), b, listing()), "memberId");
        expectProblem(post(b.coordinator(), b, listing("memberId", "mem_nobody")), 422, "member_not_found");
        expectProblem(post(b.coordinator(), b, listing("memberId", elsewhere.ada().memberId())), 422, "member_not_found");

        Api.Reply forBea = post(b.coordinator(), b, listing("kind", "REQUEST", "memberId", b.bea().memberId()));

        expect(forBea, 201);
        assertThat(forBea.field("memberId")).isEqualTo(b.bea().memberId());
        assertThat(forBea.json().get("mine").asBoolean()).isFalse();
        JsonNode beas = b.bea().api().get("/v1/me/listings").json().get("items");
        assertThat(ids(beas, "id")).containsExactly(forBea.field("id"));
        assertThat(beas.get(0).get("mine").asBoolean()).isTrue();

        String erased = registerMember(b.code(), "Cara Gone").get("id").asText();
        expect(admin.send("DELETE", "/v1/members/" + erased + "/personal-data", null, "Idempotency-Key", newKey()), 200);
        expectProblem(post(admin, b, listing("memberId", erased)), 409, "member_erased");
    }

    @Test
    void membersOfAnotherSchemeFindNothing() {
        Bank b = bank();
        Bank elsewhere = bank();
        String id = posted(b.ada().api(), b, listing());

        expectProblem(elsewhere.ada().api().get("/v1/schemes/" + b.code() + "/listings"), 404, "not_found");
        expectProblem(post(elsewhere.ada().api(), b, listing()), 404, "not_found");
        expectProblem(elsewhere.ada().api().get("/v1/listings/" + id), 404, "not_found");
        expectProblem(respond(elsewhere.ada().api(), id, "I can help"), 404, "not_found");
        expectProblem(elsewhere.ada().api().send("PATCH", "/v1/listings/" + id, object("title", "Mine now")), 404, "not_found");
        expectProblem(elsewhere.ada().api().post("/v1/listings/" + id + "/closure", null), 404, "not_found");
        expectProblem(elsewhere.coordinator().get("/v1/listings/" + id + "/responses"), 404, "not_found");
        expectProblem(match(elsewhere.coordinator(), id, b.bea().memberId()), 404, "not_found");
        assertThat(b.ada().api().get("/v1/listings/" + id).field("status")).isEqualTo("OPEN");
    }

    // ---- the open list ----

    @Test
    void theOpenListFiltersByKindCategoryWardAndTextNewestFirst() {
        Bank b = bank();
        String garden = posted(b.ada().api(), b, listing("title", "Help with the GARDEN", "ward", "North"));
        String company = posted(b.bea().api(), b, listing("kind", "REQUEST", "categoryCode", "befriending",
                "title", "Company on Tuesdays", "description", "A chat and a Cup of tea", "ward", "South"));
        String lift = posted(b.ada().api(), b, listing("kind", "REQUEST", "title", "Lift to the GP",
                "description", "Thursday: 100% needed_soon", "ward", "north"));
        Api bea = b.bea().api();

        assertThat(open(bea, b, "")).containsExactly(lift, company, garden);
        assertThat(open(bea, b, "?kind=REQUEST")).containsExactly(lift, company);
        assertThat(open(bea, b, "?kind=OFFER")).containsExactly(garden);
        assertThat(open(bea, b, "?categoryCode=gardening")).containsExactly(lift, garden);
        assertThat(open(bea, b, "?ward=NORTH")).containsExactly(lift, garden);
        assertThat(open(bea, b, "?q=garden")).as("in the title, whatever the case").containsExactly(garden);
        assertThat(open(bea, b, "?q=cup%20OF")).as("in the description").containsExactly(company);
        assertThat(open(bea, b, "?q=%25")).as("% is text, not a wildcard").containsExactly(lift);
        assertThat(open(bea, b, "?q=_")).as("_ is text, not a wildcard").containsExactly(lift);
        assertThat(open(bea, b, "?q=thursday&kind=REQUEST&ward=North&categoryCode=gardening")).containsExactly(lift);
        assertThat(open(bea, b, "?q=%20%20")).as("a blank search is none").hasSize(3);
        assertThat(open(b.coordinator(), b, "?q=knitting")).isEmpty();
        expectInvalid(bea.get("/v1/schemes/" + b.code() + "/listings?kind=offer"), "kind");
        expectInvalid(bea.get("/v1/schemes/" + b.code() + "/listings?categoryCode=knitting"), "categoryCode");
        expectInvalid(bea.get("/v1/schemes/" + b.code() + "/listings?q=" + "q".repeat(101)), "q");

        Api.Reply first = bea.get("/v1/schemes/" + b.code() + "/listings?limit=2");
        assertThat(ids(first.json().get("items"), "id")).containsExactly(lift, company);
        Api.Reply second = bea.get("/v1/schemes/" + b.code() + "/listings?limit=2&cursor=" + first.field("nextCursor"));
        assertThat(ids(second.json().get("items"), "id")).containsExactly(garden);
        assertThat(second.json().has("nextCursor")).isFalse();
        assertThat(open(admin, b, "?limit=1")).containsExactly(lift);
    }

    // ---- changing and closing ----

    @Test
    void onlyTheOwnerOrStaffChangeOrCloseAListing() {
        Bank b = bank();
        String id = posted(b.ada().api(), b, listing("ward", "North"));
        Api auditor = staff(b.code(), "AUDITOR");

        expectProblem(b.bea().api().send("PATCH", "/v1/listings/" + id, object("title", "Bea's now")), 404, "not_found");
        expectProblem(b.bea().api().post("/v1/listings/" + id + "/closure", null), 404, "not_found");
        expectProblem(auditor.send("PATCH", "/v1/listings/" + id, object("title", "Audited")), 403, "forbidden");

        Api.Reply changed = b.ada().api().send("PATCH", "/v1/listings/" + id, object("title", " Mowing only ",
                "expiresOn", today().plusDays(7).toString()));
        expect(changed, 200);
        assertThat(changed.field("title")).isEqualTo("Mowing only");
        assertThat(changed.field("description")).as("left out, left alone").isEqualTo("Weeding and mowing at weekends");
        assertThat(changed.field("expiresOn")).isEqualTo(today().plusDays(7).toString());
        Api.Reply byStaff = b.coordinator().send("PATCH", "/v1/listings/" + id, object("ward", "",
                "categoryCode", "befriending"));
        expect(byStaff, 200);
        assertThat(byStaff.json().has("ward")).as("an empty ward removes it").isFalse();
        assertThat(byStaff.field("categoryName")).isEqualTo("Befriending");
        assertThat(byStaff.json().get("requiresVetting").asBoolean()).isTrue();
        expectInvalid(b.ada().api().send("PATCH", "/v1/listings/" + id, object("expiresOn",
                today().minusDays(1).toString())), "expiresOn");
        expectInvalid(b.ada().api().send("PATCH", "/v1/listings/" + id, object("title", "  ")), "title");
        expectInvalid(b.ada().api().send("PATCH", "/v1/listings/" + id, object("title", "t".repeat(121))), "title");
        expectInvalid(b.ada().api().send("PATCH", "/v1/listings/" + id, object("categoryCode", "knitting")), "categoryCode");
        assertThat(b.bea().api().get("/v1/listings/" + id).field("title")).isEqualTo("Mowing only");
    }

    @Test
    void aClosedListingLeavesTheOpenListAndTakesNoResponsesChangesOrMatches() {
        Bank b = bank();
        String id = posted(b.ada().api(), b, listing());

        Api.Reply closed = b.ada().api().post("/v1/listings/" + id + "/closure", null);
        Api.Reply again = b.coordinator().post("/v1/listings/" + id + "/closure", null);

        expect(closed, 200);
        assertThat(closed.field("status")).isEqualTo("CLOSED");
        expect(again, 200);
        assertThat(again.field("status")).isEqualTo("CLOSED");
        assertThat(open(b.bea().api(), b, "")).isEmpty();
        expectProblem(respond(b.bea().api(), id, "I can help"), 409, "listing_closed");
        expectProblem(b.ada().api().send("PATCH", "/v1/listings/" + id, object("title", "Open again?")), 409,
                "listing_closed");
        expectProblem(match(b.coordinator(), id, b.bea().memberId()), 409, "listing_closed");
        JsonNode mine = b.ada().api().get("/v1/me/listings").json().get("items");
        assertThat(mine.get(0).get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aListingExpiresWhenItsLastDayHasPassedWithNothingRunning() {
        Bank b = bank();
        LocalDate lastDay = today();
        String id = posted(b.ada().api(), b, listing("expiresOn", lastDay.toString()));
        Duration toLastMinute = Duration.between(clock.instant(), lastDay.plusDays(1).atStartOfDay(LONDON).toInstant())
                .minusMinutes(1);
        Duration moved = Duration.ZERO;
        try {
            clock.advance(toLastMinute);
            moved = toLastMinute;
            assertThat(open(b.bea().api(), b, "")).as("open until the end of its last day").containsExactly(id);

            clock.advance(Duration.ofMinutes(2));
            moved = moved.plusMinutes(2);

            assertThat(b.bea().api().get("/v1/listings/" + id).field("status")).isEqualTo("EXPIRED");
            assertThat(open(b.bea().api(), b, "")).isEmpty();
            expectProblem(respond(b.bea().api(), id, "I can help"), 409, "listing_expired");
            expectProblem(match(b.coordinator(), id, b.bea().memberId()), 409, "listing_expired");
            assertThat(b.ada().api().get("/v1/me/listings").json().get("items").get(0).get("status").asText())
                    .isEqualTo("EXPIRED");

            Api.Reply renewed = b.ada().api().send("PATCH", "/v1/listings/" + id, object("expiresOn",
                    today().plusDays(30).toString()));
            expect(renewed, 200);
            assertThat(renewed.field("status")).isEqualTo("OPEN");
            expect(respond(b.bea().api(), id, "I can help"), 201);
        } finally {
            clock.advance(moved.negated());
        }
    }

    // ---- responses ----

    @Test
    void theOwnerAndStaffSeeResponsesOtherMembersDoNot() {
        Bank b = bank();
        MemberLogin cara = memberLogin(b.code(), "Cara Jones");
        String id = posted(b.ada().api(), b, listing());

        Api.Reply response = respond(b.bea().api(), id, " I can help on Saturday ");
        expect(respond(cara.api(), id, "Me too"), 201);

        expect(response, 201);
        assertThat(response.field("message")).isEqualTo("I can help on Saturday");
        assertThat(response.field("memberId")).as("the responder's own").isEqualTo(b.bea().memberId());
        Api.Reply forOwner = b.ada().api().get("/v1/listings/" + id + "/responses?limit=1");
        expect(forOwner, 200);
        JsonNode first = forOwner.json().get("items").get(0);
        assertThat(first.get("memberName").asText()).isEqualTo("Bea");
        assertThat(first.get("memberId").asText()).isEqualTo(b.bea().memberId());
        assertThat(first.get("message").asText()).isEqualTo("I can help on Saturday");
        Api.Reply rest = b.ada().api().get("/v1/listings/" + id + "/responses?limit=1&cursor=" + forOwner.field("nextCursor"));
        assertThat(rest.json().get("items").get(0).get("memberName").asText()).isEqualTo("Cara");
        assertThat(rest.json().has("nextCursor")).isFalse();
        JsonNode forStaff = b.coordinator().get("/v1/listings/" + id + "/responses").json().get("items");
        assertThat(forStaff.findValuesAsText("memberName")).containsExactly("Bea Brown", "Cara Jones");
        assertThat(b.ada().api().get("/v1/listings/" + id).json().get("responseCount").asInt()).isEqualTo(2);

        expectProblem(cara.api().get("/v1/listings/" + id + "/responses"), 404, "not_found");
        expectProblem(staff(b.code(), "AUDITOR").get("/v1/listings/" + id + "/responses"), 403, "forbidden");
        expectProblem(b.coordinator().post("/v1/listings/" + id + "/responses", object("message", "Staff?")), 403,
                "forbidden");
        expectInvalid(respond(b.bea().api(), id, "m".repeat(1_001)), "message");
        expect(respond(b.bea().api(), id, "m".repeat(1_000)), 201);
        expectInvalid(respond(b.bea().api(), id, "  "), "message");
    }

    @Test
    void nobodyRespondsToTheirOwnListing() {
        Bank b = bank();
        String id = posted(b.ada().api(), b, listing());

        expectRule(respond(b.ada().api(), id, "Answering myself"), "own_listing");
        assertThat(b.ada().api().get("/v1/listings/" + id).json().get("responseCount").asInt()).isZero();
    }

    // ---- matches ----

    @Test
    void aRequestNeedingVettingIsMatchedOnlyWithAMemberClearedToday() {
        Bank b = bank();
        String request = posted(b.ada().api(), b, listing("kind", "REQUEST", "categoryCode", "befriending",
                "title", "Company on Tuesdays"));

        expectRule(match(b.coordinator(), request, b.bea().memberId()), "vetting_required");
        vet(b.bea().memberId(), today().minusYears(1), today().minusDays(1));
        expectRule(match(b.coordinator(), request, b.bea().memberId()), "vetting_required");
        vet(b.bea().memberId(), today(), today().plusYears(1));

        Api.Reply matched = match(b.coordinator(), request, b.bea().memberId());
        Api.Reply again = match(admin, request, b.bea().memberId());

        expect(matched, 201);
        assertThat(matched.field("memberId")).isEqualTo(b.bea().memberId());
        assertThat(matched.field("memberName")).isEqualTo("Bea Brown");
        assertThat(matched.field("listingId")).isEqualTo(request);
        assertThat(matched.field("matchedBy")).isEqualTo(b.coordinator().claim("uid"));
        expect(again, 200);
        assertThat(again.field("id")).as("the match made before").isEqualTo(matched.field("id"));
    }

    @Test
    void anOfferNeedingVettingIsMatchedOnlyWhenItsOwnerIsCleared() {
        Bank b = bank();
        String offer = posted(b.ada().api(), b, listing("categoryCode", "befriending", "title", "A friendly visit"));
        vet(b.bea().memberId(), today(), today().plusYears(1));

        expectRule(match(b.coordinator(), offer, b.bea().memberId()), "vetting_required");
        vet(b.ada().memberId(), today(), today().plusYears(1));
        expect(match(b.coordinator(), offer, b.bea().memberId()), 201);
    }

    @Test
    void matchesAreForStaffWithAnotherActiveMemberOfTheScheme() {
        Bank b = bank();
        Bank elsewhere = bank();
        String offer = posted(b.ada().api(), b, listing());
        String erased = registerMember(b.code(), "Dan Gone").get("id").asText();
        expect(admin.send("DELETE", "/v1/members/" + erased + "/personal-data", null, "Idempotency-Key", newKey()), 200);

        expectProblem(match(b.bea().api(), offer, b.bea().memberId()), 403, "forbidden");
        expectRule(match(b.coordinator(), offer, b.ada().memberId()), "own_listing");
        expectProblem(match(b.coordinator(), offer, "mem_nobody"), 422, "member_not_found");
        expectProblem(match(b.coordinator(), offer, elsewhere.bea().memberId()), 422, "member_not_found");
        expectProblem(match(b.coordinator(), offer, erased), 409, "member_erased");
        expectInvalid(match(b.coordinator(), offer, ""), "memberId");
        expect(match(b.coordinator(), offer, b.bea().memberId()), 201);
    }

    // ---- erasure ----

    @Test
    void erasingAMemberClosesTheirListingsAndBlanksWhatTheyWrote() {
        Bank b = bank();
        String adas = posted(b.ada().api(), b, listing());
        String beas = posted(b.bea().api(), b, listing("kind", "REQUEST", "title", "Lift to the GP", "ward", "South"));
        expect(respond(b.bea().api(), adas, "Call me on 07700 900123"), 201);

        expect(admin.send("DELETE", "/v1/members/" + b.bea().memberId() + "/personal-data", null,
                "Idempotency-Key", newKey()), 200);

        assertThat(open(b.ada().api(), b, "")).containsExactly(adas);
        JsonNode gone = b.coordinator().get("/v1/listings/" + beas).json();
        assertThat(gone.get("status").asText()).isEqualTo("CLOSED");
        assertThat(gone.get("title").asText()).isEmpty();
        assertThat(gone.get("description").asText()).isEmpty();
        assertThat(gone.has("ward")).isFalse();
        JsonNode responses = b.ada().api().get("/v1/listings/" + adas + "/responses").json().get("items");
        assertThat(responses.get(0).get("message").asText()).isEmpty();
        assertThat(responses.get(0).get("memberName").asText()).doesNotContain("Bea");
        assertThat(b.ada().api().get("/v1/listings/" + adas).field("status")).isEqualTo("OPEN");
    }
}

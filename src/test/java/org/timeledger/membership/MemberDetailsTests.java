package org.timeledger.membership;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Members' details (contact data for staff only), their leaving and coming back, and finding them. */
public abstract class MemberDetailsTests extends ServiceTest {

    private static final String LONDON = "Europe/London";

    /** A scheme with an organisation and a kind of help; a timebank, so members may owe hours. */
    private record Scheme(JsonNode json, String code, String organisation) {
    }

    private Scheme scheme() {
        JsonNode json = createScheme("memberFloorMinutes", -600);
        String code = json.get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        return new Scheme(json, code, organisation);
    }

    private static String yesterday() {
        return LocalDate.now(ZoneId.of(LONDON)).minusDays(1).toString();
    }

    private Api.Reply patch(Api api, String memberId, Map<String, Object> body) {
        return api.send("PATCH", "/v1/members/" + memberId, body);
    }

    private String logActivity(Scheme s, String memberId) {
        Api.Reply logged = admin.post("/v1/schemes/" + s.code() + "/activities", object("memberId", memberId,
                "organisationId", s.organisation(), "date", yesterday(), "minutes", 30, "categoryCode", "shopping"),
                "Idempotency-Key", newKey());
        expect(logged, 201);
        return logged.field("id");
    }

    // ---- changing details ----

    @Test
    void staffRecordHowToReachAMemberAndSeeItBack() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();

        Api.Reply changed = patch(admin, ada, object("displayName", "  Ada Lovelace ", "ward", "North",
                "phone", "+44 (0)1632 960-123", "email", "ada@example.org", "postalAddress", "1 Analytical Row\nLondon",
                "preferredContact", "EMAIL", "notes", "Prefers mornings"));
        Api.Reply seen = admin.get("/v1/members/" + ada);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        for (JsonNode member : List.of(changed.json(), seen.json())) {
            assertThat(member.get("displayName").asText()).isEqualTo("Ada Lovelace");
            assertThat(member.get("ward").asText()).isEqualTo("North");
            assertThat(member.get("status").asText()).isEqualTo("ACTIVE");
            JsonNode details = member.get("details");
            assertThat(details.get("phone").asText()).isEqualTo("+44 (0)1632 960-123");
            assertThat(details.get("email").asText()).isEqualTo("ada@example.org");
            assertThat(details.get("postalAddress").asText()).isEqualTo("1 Analytical Row\nLondon");
            assertThat(details.get("preferredContact").asText()).isEqualTo("EMAIL");
            assertThat(details.get("notes").asText()).isEqualTo("Prefers mornings");
        }
    }

    @Test
    void aFieldLeftOutOrNullStaysAndAnEmptyOneIsRemoved() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        expect(patch(admin, ada, object("ward", "North", "phone", "01632 960123", "email", "ada@example.org",
                "notes", "Keys with neighbour")), 200);

        Map<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("phone", null);
        nulls.put("ward", null);
        Api.Reply untouched = patch(admin, ada, nulls);
        Api.Reply cleared = patch(admin, ada, object("email", "", "notes", "   ", "ward", ""));

        assertThat(untouched.status()).isEqualTo(200);
        assertThat(untouched.json().get("ward").asText()).isEqualTo("North");
        assertThat(untouched.json().get("details").get("phone").asText()).isEqualTo("01632 960123");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().has("ward")).isFalse();
        assertThat(cleared.json().get("details").has("email")).isFalse();
        assertThat(cleared.json().get("details").has("notes")).isFalse();
        assertThat(cleared.json().get("details").get("phone").asText()).as("left out: unchanged").isEqualTo("01632 960123");
        assertThat(cleared.json().get("displayName").asText()).isEqualTo("Ada");
    }

    @ParameterizedTest(name = "{0} = \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "phone|123456|200",
            "phone|12345|400",
            "phone|+44 (0) 1632-960123|200",
            "phone|01632 960123 ext 4|400",
            "phone|00000000000000000000000000000000000000000|400",
            "phone|0000000000000000000000000000000000000000|200",
            "email|a@b.co|200",
            "email|ada.example.org|400",
            "email|ada@example|400",
            "email|ada@@example.org|400",
            "email|ada @example.org|400",
            "displayName|' '|400",
    })
    void eachFieldIsCheckedAtItsBoundary(String field, String value, int status) {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();

        Api.Reply reply = patch(admin, ada, object(field, value));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        if (status == 400) {
            assertThat(reply.body()).contains(field);
        }
    }

    @Test
    void lengthsStopAtTheirLimits() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        Map<String, Integer> limits = Map.of("displayName", 200, "ward", 100, "postalAddress", 500, "notes", 2000);

        limits.forEach((field, limit) -> {
            assertThat(patch(admin, ada, object(field, "x".repeat(limit))).status()).as(field + " at its limit").isEqualTo(200);
            Api.Reply over = patch(admin, ada, object(field, "x".repeat(limit + 1)));
            assertThat(over.status()).as(field + " over its limit").isEqualTo(400);
        });
        String local = "a".repeat(254 - "@example.org".length());
        assertThat(patch(admin, ada, object("email", local + "@example.org")).status()).isEqualTo(200);
        assertThat(patch(admin, ada, object("email", local + "a@example.org")).status()).isEqualTo(400);
    }

    @Test
    void aPreferredWayToReachSomeoneNeedsTheMeans() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();

        Api.Reply noPhone = patch(admin, ada, object("preferredContact", "PHONE"));
        Api.Reply none = patch(admin, ada, object("preferredContact", "NONE"));
        expect(patch(admin, ada, object("preferredContact", "POST", "postalAddress", "2 High St")), 200);
        Api.Reply removingTheAddress = patch(admin, ada, object("postalAddress", ""));
        Api.Reply unknown = patch(admin, ada, object("preferredContact", "PIGEON"));

        assertThat(noPhone.status()).isEqualTo(400);
        assertThat(noPhone.body()).contains("preferredContact").contains("has no phone number");
        assertThat(none.status()).isEqualTo(200);
        assertThat(removingTheAddress.status()).isEqualTo(400);
        assertThat(removingTheAddress.body()).contains("postal address");
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void anErasedMembersRecordCannotBeChanged() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        expect(admin.send("DELETE", "/v1/members/" + ada + "/personal-data", null, "Idempotency-Key", newKey()), 200);

        Api.Reply reply = patch(admin, ada, object("phone", "01632 960123"));

        assertThat(reply.status()).as("a conflict with the record's state, not a fault in the request").isEqualTo(409);
        assertThat(reply.code()).isEqualTo("member_erased");
    }

    // ---- who may ----

    @Test
    void aCoordinatorManagesMembersTheyRegisteredOrWhoVolunteeredWithTheirOrganisations() {
        Scheme s = scheme();
        Api coordinator = staff(s.code(), "COORDINATOR", s.organisation());
        String otherOrganisation = admin.post("/v1/schemes/" + s.code() + "/organisations", object("name", "Choir")).field("id");
        Api otherCoordinator = staff(s.code(), "COORDINATOR", otherOrganisation);
        String registered = coordinator.post("/v1/schemes/" + s.code() + "/members", object("displayName", "Bea")).field("id");
        String volunteer = registerMember(s.code(), "Cy").get("id").asText();
        logActivity(s, volunteer);
        String stranger = registerMember(s.code(), "Di").get("id").asText();

        assertThat(patch(coordinator, registered, object("phone", "01632 960001")).status()).isEqualTo(200);
        assertThat(patch(coordinator, volunteer, object("phone", "01632 960002")).status()).isEqualTo(200);
        Api.Reply refused = patch(coordinator, stranger, object("phone", "01632 960003"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Ask an administrator");
        assertThat(coordinator.post("/v1/members/" + stranger + "/deactivation", object("reason", "Left")).status())
                .isEqualTo(403);
        assertThat(patch(otherCoordinator, volunteer, object("phone", "01632 960004")).status())
                .as("an activity with another organisation does not count").isEqualTo(403);
        assertThat(patch(otherCoordinator, registered, object("notes", "x")).status()).isEqualTo(403);
        assertThat(patch(admin, stranger, object("phone", "01632 960005")).status()).isEqualTo(200);
        assertThat(patch(staff(s.code(), "AUDITOR"), stranger, object("notes", "x")).status()).isEqualTo(403);
        assertThat(admin.get("/v1/members/" + stranger).json().get("details").get("phone").asText()).isEqualTo("01632 960005");
    }

    @Test
    void staffOfAnotherSchemeAndMembersCannotChangeDetails() {
        Scheme s = scheme();
        Scheme elsewhere = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        Api foreignAdmin = staff(elsewhere.code(), "ADMIN");

        assertThat(patch(foreignAdmin, ada.memberId(), object("notes", "x")).status()).isEqualTo(404);
        assertThat(patch(ada.api(), ada.memberId(), object("notes", "x")).status()).isEqualTo(403);
    }

    @Test
    void nobodyMarksTheirOwnMemberRecordAsLeft() {
        Scheme s = scheme();
        String own = registerMember(s.code(), "Eve").get("id").asText();
        expect(admin.post("/v1/schemes/" + s.code() + "/staff", object("username", "eve-admin", "password",
                "staff-password-1", "role", "ADMIN", "memberId", own)), 201);
        Api eve = anonymous.login("eve-admin", "staff-password-1");

        Api.Reply reply = eve.post("/v1/members/" + own + "/deactivation", object("reason", "Leaving"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("rule").asText()).isEqualTo("own_member_record");
    }

    // ---- privacy ----

    @Test
    void contactDetailsAreForStaffOnlyNeverForTheMemberATillOrAList() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        MemberLogin bob = memberLogin(s.code(), "Bob");
        expect(patch(admin, ada.memberId(), object("phone", "07700 900123", "email", "ada@example.org",
                "postalAddress", "1 Secret Lane", "notes", "Door code 4321", "preferredContact", "PHONE")), 200);
        JsonNode partner = admin.post("/v1/schemes/" + s.code() + "/partners", object("name", "Pool")).json();
        Api till = till(partner.get("id").asText());
        expect(ada.api().post("/v1/schemes/" + s.code() + "/listings", object("kind", "OFFER", "categoryCode", "shopping",
                "title", "Shopping", "description", "Any weekday")), 201);

        List<Api.Reply> notForThem = List.of(
                ada.api().get("/v1/members/" + ada.memberId()),
                ada.api().get("/v1/me"),
                bob.api().get("/v1/members/" + ada.memberId()),
                bob.api().get("/v1/schemes/" + s.code() + "/listings"),
                till.get("/v1/cards/" + ada.cardNumber()),
                admin.get("/v1/schemes/" + s.code() + "/members"),
                admin.get("/v1/schemes/" + s.code() + "/members?q=07700"),
                admin.get("/v1/schemes/" + s.code() + "/export/journal?from=2020-01-01&to="
                        + LocalDate.now(ZoneId.of(LONDON))),
                admin.get("/v1/schemes/" + s.code() + "/reports/summary?from=2020-01-01&to="
                        + LocalDate.now(ZoneId.of(LONDON)) + "&format=csv"));

        for (Api.Reply reply : notForThem) {
            assertThat(reply.body()).as(reply.method() + " " + reply.path())
                    .doesNotContain("07700").doesNotContain("ada@example.org").doesNotContain("Secret Lane")
                    .doesNotContain("Door code").doesNotContain("details");
        }
        assertThat(notForThem.get(0).status()).isEqualTo(200);
        assertThat(notForThem.get(2).status()).as("another member's record").isEqualTo(404);
        assertThat(notForThem.get(4).status()).isEqualTo(200);
        assertThat(staff(s.code(), "AUDITOR").get("/v1/members/" + ada.memberId()).json().get("details").get("phone")
                .asText()).as("an auditor is staff").isEqualTo("07700 900123");
    }

    @Test
    void anAdministratorAsksForTheContactListAndOnlyThemGetIt() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        String bob = registerMember(s.code(), "Bob").get("id").asText();
        String cy = registerMember(s.code(), "Cy").get("id").asText();
        String dee = registerMember(s.code(), "=Aa").get("id").asText();
        String eve = registerMember(s.code(), "Eve").get("id").asText();
        expect(patch(admin, ada, object("ward", "North", "phone", "07700 900123", "email", "ada@example.org",
                "postalAddress", "1 Analytical Row, London", "preferredContact", "POST", "notes", "Door code 4321")), 200);
        expect(patch(admin, bob, object("phone", "07700 900456", "preferredContact", "NONE")), 200);
        expect(admin.post("/v1/members/" + cy + "/deactivation", object("reason", "Moved away")), 200);
        expect(admin.send("DELETE", "/v1/members/" + eve + "/personal-data", null, "Idempotency-Key", newKey()), 200);

        Api.Reply list = admin.get("/v1/schemes/" + s.code() + "/export/contacts");

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String card = admin.get("/v1/members/" + ada).field("cardNumber");
        assertThat(list.body().split("\r\n")).containsExactly(
                "name,cardNumber,ward,status,preferredContact,phone,email,postalAddress",
                "\"'=Aa\"," + admin.get("/v1/members/" + dee).field("cardNumber") + ",,active,,,,",
                "\"Ada\"," + card + ",\"North\",active,POST,\"07700 900123\",\"ada@example.org\",\"1 Analytical Row, London\"",
                "\"Cy\"," + admin.get("/v1/members/" + cy).field("cardNumber") + ",,left,,,,");
        assertThat(list.body()).as("notes are not contact details").doesNotContain("Door code")
                .as("Bob asked not to be contacted").doesNotContain("Bob").doesNotContain("900456");
        for (Api other : List.of(staff(s.code(), "COORDINATOR", s.organisation()), staff(s.code(), "AUDITOR"))) {
            assertThat(other.get("/v1/schemes/" + s.code() + "/export/contacts").status()).isEqualTo(403);
        }
        assertThat(staff(createScheme().get("code").asText(), "ADMIN").get("/v1/schemes/" + s.code() + "/export/contacts")
                .status()).as("another scheme's administrator").isEqualTo(404);
    }

    @Test
    void erasureRemovesContactDetailsAndTheReasonForLeaving() throws Exception {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        expect(patch(admin, ada, object("phone", "07700 900123", "email", "ada@example.org", "notes", "Door code")), 200);
        expect(admin.post("/v1/members/" + ada + "/deactivation", object("reason", "Moved to Leeds with Bob")), 200);

        expect(admin.send("DELETE", "/v1/members/" + ada + "/personal-data", null, "Idempotency-Key", newKey()), 200);
        JsonNode seen = admin.get("/v1/members/" + ada).json();

        assertThat(seen.get("status").asText()).isEqualTo("ERASED");
        JsonNode details = seen.path("details"); // nothing left to show: no details at all
        assertThat(details.has("phone")).isFalse();
        assertThat(details.has("email")).isFalse();
        assertThat(details.has("notes")).isFalse();
        assertThat(details.has("deactivationReason")).isFalse();
        try (var connection = sql(); var statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM member_contact WHERE member_id = ?")) {
            statement.setString(1, ada);
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("no row of contact details left").isZero();
            }
        }
        assertThat(admin.get("/v1/schemes/" + s.code() + "/members?q=07700").json().get("items")).isEmpty();
    }

    // ---- leaving and coming back ----

    @Test
    void aMemberWhoLeftCannotLogInTheirSessionsEndAndTheirCardIsRefusedButTheirBalanceStays() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        issue(s.json(), ada.accountId(), 120);
        JsonNode partner = admin.post("/v1/schemes/" + s.code() + "/partners", object("name", "Pool")).json();
        Api till = till(partner.get("id").asText());
        String refresh = anonymous.post("/login", object("username", ada.username(), "password", ada.password()))
                .field("refresh_token");
        assertThat(ada.api().get("/v1/me").status()).isEqualTo(200);

        Api.Reply left = admin.post("/v1/members/" + ada.memberId() + "/deactivation", object("reason", "Moved away"));

        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        assertThat(left.json().get("status").asText()).isEqualTo("INACTIVE");
        assertThat(left.json().get("details").get("deactivationReason").asText()).isEqualTo("Moved away");
        assertThat(left.json().get("details").has("deactivatedAt")).isTrue();
        assertThat(ada.api().get("/v1/me").status()).as("the session in use ends").isEqualTo(401);
        Api.Reply login = anonymous.post("/login", object("username", ada.username(), "password", ada.password()));
        assertThat(login.status()).isEqualTo(409);
        assertThat(login.code()).isEqualTo("member_inactive");
        assertThat(anonymous.post("/login", object("username", ada.username(), "password", "wrong-password-1")).status())
                .as("a wrong password says no more than that").isEqualTo(401);
        assertThat(anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", refresh))
                .status()).as("a refresh token ends too").isNotEqualTo(200);
        Api.Reply card = till.get("/v1/cards/" + ada.cardNumber());
        assertThat(card.status()).isEqualTo(409);
        assertThat(card.code()).isEqualTo("member_inactive");
        assertThat(card.body()).contains("left the scheme");
        assertThat(balance(ada.accountId())).as("the balance stays").isEqualTo(120);
        assertThat(admin.get("/v1/accounts/" + ada.accountId() + "/postings?limit=10").json().get("items")).hasSize(1);
        assertThat(admin.post("/v1/members/" + ada.memberId() + "/activation-code", null).code())
                .as("no new code for someone who left").isEqualTo("member_inactive");
    }

    @Test
    void aMemberWhoLeftCannotExchangeHoursEitherWay() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        MemberLogin bob = memberLogin(s.code(), "Bob");
        expect(admin.post("/v1/members/" + bob.memberId() + "/deactivation", object("reason", "Moved away")), 200);

        Api.Reply paying = ada.api().post("/v1/me/exchanges", object("toMemberId", bob.memberId(), "minutes", 30,
                "categoryCode", "shopping", "date", yesterday(), "description", "Shopping"), "Idempotency-Key", newKey());

        assertThat(paying.status()).isEqualTo(409);
        assertThat(paying.code()).isEqualTo("member_inactive");
        assertThat(paying.body()).contains("Bob has left the scheme");
    }

    @Test
    void markingTwiceChangesNothingAndReactivationRestoresLoginAndCard() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        JsonNode partner = admin.post("/v1/schemes/" + s.code() + "/partners", object("name", "Pool")).json();
        Api till = till(partner.get("id").asText());
        JsonNode first = admin.post("/v1/members/" + ada.memberId() + "/deactivation", object("reason", "Moved away")).json();

        JsonNode again = admin.post("/v1/members/" + ada.memberId() + "/deactivation", object("reason", "Other")).json();
        Api.Reply back = admin.post("/v1/members/" + ada.memberId() + "/reactivation", null);
        Api.Reply backAgain = admin.post("/v1/members/" + ada.memberId() + "/reactivation", null);

        assertThat(again.get("details").get("deactivationReason").asText()).isEqualTo("Moved away");
        assertThat(again.get("details").get("deactivatedAt")).isEqualTo(first.get("details").get("deactivatedAt"));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(back.json().path("details").has("deactivatedAt")).isFalse();
        assertThat(backAgain.status()).isEqualTo(200);
        assertThat(ada.api().get("/v1/me").status()).as("sessions ended when they left stay ended").isEqualTo(401);
        Api again2 = anonymous.login(ada.username(), ada.password());
        assertThat(again2.get("/v1/me").status()).isEqualTo(200);
        assertThat(till.get("/v1/cards/" + ada.cardNumber()).status()).isEqualTo(200);
    }

    @Test
    void aReasonIsNeededToMarkSomeoneAsLeft() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();

        assertThat(admin.post("/v1/members/" + ada + "/deactivation", object("reason", " ")).status()).isEqualTo(400);
        assertThat(admin.post("/v1/members/" + ada + "/deactivation", object("reason", "x".repeat(501))).status())
                .isEqualTo(400);
        assertThat(admin.post("/v1/members/" + ada + "/deactivation", object("reason", "x".repeat(500))).status())
                .isEqualTo(200);
        assertThat(admin.post("/v1/members/mem_nobody/deactivation", object("reason", "x")).status()).isEqualTo(404);
    }

    // ---- finding members ----

    @Test
    void staffFindMembersByNameCardNumberOrPhoneAndByStatus() {
        Scheme s = scheme();
        JsonNode ada = registerMember(s.code(), "Ada Lovelace");
        JsonNode bob = registerMember(s.code(), "Bob Adams");
        JsonNode cy = registerMember(s.code(), "Cy Young");
        JsonNode di = registerMember(s.code(), "Di 100%_sure");
        expect(patch(admin, cy.get("id").asText(), object("phone", "+44 7700 900-456")), 200);
        expect(admin.post("/v1/members/" + bob.get("id").asText() + "/deactivation", object("reason", "Left")), 200);
        String base = "/v1/schemes/" + s.code() + "/members";

        assertThat(names(admin.get(base + "?q=ada"))).containsExactly("Ada Lovelace", "Bob Adams");
        assertThat(names(admin.get(base + "?q=ADA&status=ACTIVE"))).containsExactly("Ada Lovelace");
        assertThat(names(admin.get(base + "?status=inactive"))).containsExactly("Bob Adams");
        assertThat(names(admin.get(base + "?q=" + ada.get("cardNumber").asText().substring(4, 12))))
                .containsExactly("Ada Lovelace");
        assertThat(names(admin.get(base + "?q=7700900456"))).containsExactly("Cy Young");
        assertThat(names(admin.get(base + "?q=900%20456"))).containsExactly("Cy Young");
        assertThat(names(admin.get(base + "?q=%25_"))).as("% and _ are themselves").containsExactly("Di 100%_sure");
        assertThat(names(admin.get(base + "?q=%20%20"))).as("a blank search finds everyone").hasSize(4);
        assertThat(names(admin.get(base + "?q=nobody"))).isEmpty();
        assertThat(admin.get(base + "?status=GONE").status()).isEqualTo(400);
        assertThat(admin.get(base + "?q=" + "x".repeat(101)).status()).isEqualTo(400);
        assertThat(names(staff(s.code(), "AUDITOR").get(base + "?q=young"))).containsExactly("Cy Young");
        expect(admin.send("DELETE", "/v1/members/" + di.get("id").asText() + "/personal-data", null,
                "Idempotency-Key", newKey()), 200);
        assertThat(admin.get(base + "?status=ERASED").json().get("items")).hasSize(1);
    }

    @Test
    void aSearchKeepsThePaginationOfTheList() {
        Scheme s = scheme();
        for (String name : List.of("Ann One", "Ann Two", "Ann Three", "Bill")) {
            registerMember(s.code(), name);
        }
        String base = "/v1/schemes/" + s.code() + "/members?q=ann&limit=2";

        Api.Reply first = admin.get(base);
        Api.Reply second = admin.get(base + "&cursor=" + first.field("nextCursor"));

        assertThat(names(first)).containsExactly("Ann One", "Ann Two");
        assertThat(names(second)).containsExactly("Ann Three");
        assertThat(second.field("nextCursor")).isNull();
    }

    private static List<String> names(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        reply.json().get("items").forEach(m -> names.add(m.get("displayName").asText()));
        return names;
    }
}

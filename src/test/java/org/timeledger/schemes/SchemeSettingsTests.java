package org.timeledger.schemes;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Changing a scheme's rules: each field at its bounds, its effect on requests after the change,
 * members' floors following the scheme's (unless given their own), the history, and who may.
 */
public abstract class SchemeSettingsTests extends ServiceTest {
    @Inject
    TestClock clock;

    private Api.Reply change(Api api, String code, Object... fields) {
        return api.send("PATCH", "/v1/schemes/" + code, object(fields));
    }

    private static void expectInvalid(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).as(reply.toString()).isEqualTo("validation_failed");
        assertThat(reply.body()).as(reply.toString()).contains(field);
    }

    private JsonNode history(Api api, String code) {
        Api.Reply reply = api.get("/v1/schemes/" + code + "/settings/history");
        expect(reply, 200);
        return reply.json().get("items");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/London"));
    }

    // ---- each field at its bounds ----

    @Test
    void eachRuleChangesWithinTheBoundsOfCreation() {
        String code = createScheme().get("code").asText();

        Api.Reply changed = change(admin, code, "name", "  Castlehaven Timebank ", "holdMinutes", 10_080,
                "backdateDays", 0, "weeklyEarnCapMinutes", 10_080, "allocationsRequired", true, "timeZone", "UTC",
                "paymentRequestDays", 365, "memberFloorMinutes", -6_000_000, "lowestMemberFloorMinutes", -6_000_000);

        expect(changed, 200);
        JsonNode s = admin.get("/v1/schemes/" + code).json();
        assertThat(s.get("name").asText()).isEqualTo("Castlehaven Timebank");
        assertThat(s.get("holdMinutes").asInt()).isEqualTo(10_080);
        assertThat(s.get("backdateDays").asInt()).isZero();
        assertThat(s.get("weeklyEarnCapMinutes").asLong()).isEqualTo(10_080);
        assertThat(s.get("allocationsRequired").asBoolean()).isTrue();
        assertThat(s.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(s.get("paymentRequestDays").asInt()).isEqualTo(365);
        assertThat(s.get("memberFloorMinutes").asLong()).isEqualTo(-6_000_000);
        assertThat(s.get("lowestMemberFloorMinutes").asLong()).isEqualTo(-6_000_000);
        expect(change(admin, code, "holdMinutes", 1, "backdateDays", 3650, "weeklyEarnCapMinutes", 1,
                "paymentRequestDays", 1, "memberFloorMinutes", 0, "lowestMemberFloorMinutes", 0), 200);

        expectInvalid(change(admin, code, "holdMinutes", 0), "holdMinutes");
        expectInvalid(change(admin, code, "holdMinutes", 10_081), "holdMinutes");
        expectInvalid(change(admin, code, "backdateDays", -1), "backdateDays");
        expectInvalid(change(admin, code, "backdateDays", 3651), "backdateDays");
        expectInvalid(change(admin, code, "weeklyEarnCapMinutes", 0), "weeklyEarnCapMinutes");
        expectInvalid(change(admin, code, "weeklyEarnCapMinutes", 10_081), "weeklyEarnCapMinutes");
        expectInvalid(change(admin, code, "weeklyEarnCapMinutes", "60"), "weeklyEarnCapMinutes");
        expectInvalid(change(admin, code, "weeklyEarnCapMinutes", 1.5), "weeklyEarnCapMinutes");
        expectInvalid(change(admin, code, "paymentRequestDays", 0), "paymentRequestDays");
        expectInvalid(change(admin, code, "paymentRequestDays", 366), "paymentRequestDays");
        expectInvalid(change(admin, code, "memberFloorMinutes", 1), "memberFloorMinutes");
        expectInvalid(change(admin, code, "memberFloorMinutes", -6_000_001), "memberFloorMinutes");
        expectInvalid(change(admin, code, "lowestMemberFloorMinutes", 1), "lowestMemberFloorMinutes");
        expectInvalid(change(admin, code, "timeZone", "+01:00"), "timeZone");
        expectInvalid(change(admin, code, "timeZone", "Mars/Olympus"), "timeZone");
        expectInvalid(change(admin, code, "name", "   "), "name");
        expectInvalid(change(admin, code, "name", "x".repeat(201)), "name");
        expectInvalid(change(admin, code, "allocationsRequired", "yes"), "true or false");
        expectInvalid(change(admin, code, "issuanceAccounts", 2), "issuanceAccounts");
        expectInvalid(change(admin, code, "code", "renamed"), "code");
        JsonNode after = admin.get("/v1/schemes/" + code).json();
        assertThat(after.get("holdMinutes").asInt()).as("a refused change changes nothing").isEqualTo(1);
        assertThat(after.get("issuanceAccounts").asInt()).isEqualTo(1);
        assertThat(after.get("code").asText()).isEqualTo(code);
    }

    @Test
    void theLowestMemberFloorIsNeverAboveTheSchemesFloor() {
        String code = createScheme("memberFloorMinutes", -600, "lowestMemberFloorMinutes", -1200).get("code").asText();

        expectInvalid(change(admin, code, "memberFloorMinutes", -1500), "memberFloorMinutes");
        expectInvalid(change(admin, code, "lowestMemberFloorMinutes", -300), "lowestMemberFloorMinutes");
        expect(change(admin, code, "memberFloorMinutes", -1200), 200);
        expect(change(admin, code, "memberFloorMinutes", -1500, "lowestMemberFloorMinutes", -1500), 200);

        JsonNode s = admin.get("/v1/schemes/" + code).json();
        assertThat(s.get("memberFloorMinutes").asLong()).isEqualTo(-1500);
        assertThat(s.get("lowestMemberFloorMinutes").asLong()).isEqualTo(-1500);
    }

    @Test
    void theWeeklyCapIsRemovedBySendingNullAndKeptWhenLeftOut() {
        String code = createScheme("weeklyEarnCapMinutes", 600).get("code").asText();

        expect(change(admin, code, "holdMinutes", 20), 200);
        assertThat(admin.get("/v1/schemes/" + code).json().get("weeklyEarnCapMinutes").asLong()).isEqualTo(600);

        Api.Reply cleared = admin.send("PATCH", "/v1/schemes/" + code, "{\"weeklyEarnCapMinutes\": null}");

        expect(cleared, 200);
        assertThat(cleared.json().has("weeklyEarnCapMinutes")).isFalse();
        assertThat(admin.get("/v1/schemes/" + code).json().has("weeklyEarnCapMinutes")).isFalse();
        JsonNode latest = history(admin, code).get(0);
        assertThat(latest.get("field").asText()).isEqualTo("weeklyEarnCapMinutes");
        assertThat(latest.get("before").asText()).isEqualTo("600");
        assertThat(latest.has("after")).as("no cap").isFalse();
    }

    // ---- effects on later requests ----

    /** A scheme with a leisure centre's till and Ada holding ten hours. */
    private record Venue(String code, Api till, MemberLogin ada) {
    }

    private Venue venue() {
        JsonNode scheme = createScheme("holdMinutes", 15);
        String code = scheme.get("code").asText();
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis Leisure Centre")).field("id");
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        issue(scheme, ada.accountId(), 600);
        return new Venue(code, till(partner), ada);
    }

    private Duration holdFor(Venue v) {
        Api.Reply held = v.till().post("/v1/redemptions", object("cardNumber", v.ada().cardNumber(), "amountMinutes", 30,
                "tillReference", "T-" + newKey().substring(0, 8)), "Idempotency-Key", newKey());
        expect(held, 201);
        return Duration.between(Instant.parse(held.field("createdAt")), Instant.parse(held.field("holdExpiresAt")));
    }

    @Test
    void afterRaisingTheHoldANewHoldLastsLonger() {
        Venue v = venue();
        Duration before = holdFor(v);

        expect(change(admin, v.code(), "holdMinutes", 45), 200);

        assertThat(before).isBetween(Duration.ofMinutes(15).minusSeconds(1), Duration.ofMinutes(15));
        assertThat(holdFor(v)).isBetween(Duration.ofMinutes(45).minusSeconds(1), Duration.ofMinutes(45));
    }

    /** A timebank where members may owe ten hours, and one may be allowed twenty. */
    private record Bank(String code, MemberLogin ada, MemberLogin bea) {
    }

    private Bank bank() {
        String code = createScheme("memberFloorMinutes", -600, "lowestMemberFloorMinutes", -1200).get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        return new Bank(code, memberLogin(code, "Ada Lovelace"), memberLogin(code, "Bea Smith"));
    }

    private Api.Reply pay(MemberLogin payer, MemberLogin helper, long minutes, LocalDate date) {
        return payer.api().post("/v1/me/exchanges", object("toCardNumber", helper.cardNumber(), "minutes", minutes,
                "categoryCode", "shopping", "date", date.toString(), "description", "Weekly shop"),
                "Idempotency-Key", newKey());
    }

    @Test
    void afterLoweringTheBackdatingLimitAnOlderDateIsRefused() {
        Bank b = bank();
        expect(pay(b.ada(), b.bea(), 30, today().minusDays(10)), 201);

        expect(change(admin, b.code(), "backdateDays", 7), 200);

        Api.Reply refused = pay(b.ada(), b.bea(), 30, today().minusDays(10));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.field("rule")).isEqualTo("backdate_limit");
        expect(pay(b.ada(), b.bea(), 30, today().minusDays(7)), 201);
    }

    private Api.Reply logActivity(String code, String organisation, String memberId, long minutes) {
        return admin.post("/v1/schemes/" + code + "/activities", object("memberId", memberId, "organisationId",
                organisation, "date", today().toString(), "minutes", minutes, "categoryCode", "shopping",
                "description", "Helped at the lunch club"), "Idempotency-Key", newKey());
    }

    @Test
    void afterAddingAWeeklyCapAWeekBeyondItIsRefusedAndAfterRemovingItAccepted() {
        Bank b = bank();
        String organisation = admin.post("/v1/schemes/" + b.code() + "/organisations", object("name", "Lunch club")).field("id");
        expect(logActivity(b.code(), organisation, b.ada().memberId(), 120), 201);

        expect(change(admin, b.code(), "weeklyEarnCapMinutes", 150), 200);

        Api.Reply refused = logActivity(b.code(), organisation, b.ada().memberId(), 60);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.field("rule")).isEqualTo("weekly_earn_cap");
        expect(admin.send("PATCH", "/v1/schemes/" + b.code(), "{\"weeklyEarnCapMinutes\": null}"), 200);
        expect(logActivity(b.code(), organisation, b.ada().memberId(), 60), 201);
    }

    @Test
    void aPaymentRequestAfterTheChangeWaitsTheNewNumberOfDays() {
        Bank b = bank();
        expect(change(admin, b.code(), "paymentRequestDays", 3), 200);

        Api.Reply asked = b.bea().api().post("/v1/me/payment-requests", object("fromMemberId", b.ada().memberId(),
                "minutes", 30, "categoryCode", "shopping", "date", today().toString(), "description", "Weekly shop"));

        expect(asked, 201);
        assertThat(Duration.between(Instant.parse(asked.field("createdAt")), Instant.parse(asked.field("expiresAt"))))
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void membersOnTheSchemesFloorFollowItAndAMemberWithTheirOwnLimitKeepsIt() {
        Bank b = bank();
        String beaLimits = "/v1/members/" + b.bea().memberId() + "/limits";
        expect(admin.send("PUT", beaLimits, object("floorMinutes", -900, "reason", "Trusted member")), 200);
        expect(pay(b.ada(), b.bea(), 500, today()), 201);

        expect(change(admin, b.code(), "memberFloorMinutes", -300), 200);

        JsonNode ada = admin.get("/v1/members/" + b.ada().memberId() + "/limits").json();
        JsonNode bea = admin.get(beaLimits).json();
        assertThat(ada.get("floorMinutes").asLong()).isEqualTo(-300);
        assertThat(ada.get("schemeFloorMinutes").asLong()).isEqualTo(-300);
        assertThat(ada.get("history").get(0).get("floorMinutesBefore").asLong()).isEqualTo(-600);
        assertThat(ada.get("history").get(0).get("reason").asText()).contains("5 hours");
        assertThat(bea.get("floorMinutes").asLong()).isEqualTo(-900);
        assertThat(balance(b.ada().accountId())).isEqualTo(-500);
        Api.Reply beyond = pay(b.ada(), b.bea(), 1, today());
        assertThat(beyond.status()).as("Ada owes 500 minutes, beyond her new floor: she keeps it but may not owe more")
                .isEqualTo(422);
        MemberLogin cai = memberLogin(b.code(), "Cai Jones");
        assertThat(admin.get("/v1/members/" + cai.memberId() + "/limits").json().get("floorMinutes").asLong())
                .as("a member registered after the change").isEqualTo(-300);

        expect(change(admin, b.code(), "memberFloorMinutes", -1200), 200);

        assertThat(admin.get("/v1/members/" + b.ada().memberId() + "/limits").json().get("floorMinutes").asLong())
                .as("a member moved by the scheme's floor is still on it").isEqualTo(-1200);
        assertThat(admin.get("/v1/members/" + cai.memberId() + "/limits").json().get("floorMinutes").asLong()).isEqualTo(-1200);
        assertThat(admin.get(beaLimits).json().get("floorMinutes").asLong()).isEqualTo(-900);
        expect(pay(b.ada(), b.bea(), 600, today()), 201);
        JsonNode reconciliation = reconcile(b.code());
        assertThat(reconciliation.get("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
    }

    // ---- the history ----

    @Test
    void theHistoryListsEveryChangeNewestFirstWithWhoAndWhen() {
        String code = createScheme().get("code").asText();
        Api schemeAdmin = staff(code, "ADMIN");
        expect(change(admin, code, "holdMinutes", 20, "backdateDays", 30), 200);
        clock.advance(Duration.ofMinutes(5));
        expect(change(schemeAdmin, code, "name", "Renamed scheme"), 200);
        expect(change(schemeAdmin, code, "holdMinutes", 20), 200); // nothing changes: nothing recorded

        JsonNode items = history(admin, code);

        List<String> fields = new ArrayList<>();
        items.forEach(i -> fields.add(i.get("field").asText()));
        assertThat(fields).containsExactly("name", "backdateDays", "holdMinutes");
        assertThat(items.get(0).get("before").asText()).isEqualTo("Test scheme");
        assertThat(items.get(0).get("after").asText()).isEqualTo("Renamed scheme");
        assertThat(items.get(0).get("changedBy").asText()).isEqualTo(schemeAdmin.claim("uid"));
        assertThat(items.get(0).get("changedByName").asText()).startsWith("admin-");
        assertThat(items.get(1).get("before").asText()).isEqualTo("90");
        assertThat(items.get(1).get("after").asText()).isEqualTo("30");
        assertThat(items.get(2).get("before").asText()).isEqualTo("15");
        assertThat(items.get(2).get("changedBy").asText()).isEqualTo(adminId());
        assertThat(items.get(2).get("changedByName").asText()).isEqualTo("admin");
        assertThat(Instant.parse(items.get(0).get("changedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(items.get(2).get("changedAt").asText()).plus(Duration.ofMinutes(5)));
        assertThat(items.get(1).get("changedAt")).as("one change, one time").isEqualTo(items.get(2).get("changedAt"));

        Api.Reply first = admin.get("/v1/schemes/" + code + "/settings/history?limit=2");
        Api.Reply rest = admin.get("/v1/schemes/" + code + "/settings/history?limit=2&cursor=" + first.field("nextCursor"));
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(rest.json().get("items")).hasSize(1);
        assertThat(rest.json().get("items").get(0).get("field").asText()).isEqualTo("holdMinutes");
        assertThat(rest.json().has("nextCursor")).isFalse();
    }

    @Test
    void aRefusedChangeLeavesNoHistory() {
        String code = createScheme().get("code").asText();

        expectInvalid(change(admin, code, "holdMinutes", 30, "timeZone", "Nowhere"), "timeZone");

        assertThat(history(admin, code)).isEmpty();
        assertThat(admin.get("/v1/schemes/" + code).json().get("holdMinutes").asInt()).isEqualTo(15);
    }

    // ---- who may ----

    @Test
    void onlyTheSchemesAdministratorsChangeItsRulesAndAuditorsReadTheHistory() {
        String code = createScheme().get("code").asText();
        String other = createScheme().get("code").asText();
        Api schemeAdmin = staff(code, "ADMIN");
        Api coordinator = staff(code, "COORDINATOR",
                admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id"));
        Api auditor = staff(code, "AUDITOR");
        MemberLogin member = memberLogin(code, "Ada Lovelace");

        expect(change(schemeAdmin, code, "holdMinutes", 25), 200);
        assertThat(change(coordinator, code, "holdMinutes", 30).status()).isEqualTo(403);
        assertThat(change(auditor, code, "holdMinutes", 30).status()).isEqualTo(403);
        assertThat(change(member.api(), code, "holdMinutes", 30).status()).isEqualTo(403);
        assertThat(change(anonymous, code, "holdMinutes", 30).status()).isEqualTo(401);
        assertThat(change(schemeAdmin, other, "holdMinutes", 30).status()).as("another scheme's").isEqualTo(404);
        assertThat(change(admin, "no-such-scheme", "holdMinutes", 30).status()).isEqualTo(404);
        assertThat(admin.get("/v1/schemes/" + code).json().get("holdMinutes").asInt()).isEqualTo(25);

        assertThat(history(auditor, code)).hasSize(1);
        assertThat(history(schemeAdmin, code)).hasSize(1);
        assertThat(coordinator.get("/v1/schemes/" + code + "/settings/history").status()).isEqualTo(403);
        assertThat(member.api().get("/v1/schemes/" + code + "/settings/history").status()).isEqualTo(403);
        assertThat(schemeAdmin.get("/v1/schemes/" + other + "/settings/history").status()).isEqualTo(404);
    }

    // ---- the list of schemes ----

    @Test
    void theAdministratorOfEverySchemeListsThemAllAndStaffTheirOwn() {
        String code = createScheme().get("code").asText();
        createScheme();
        Api schemeAdmin = staff(code, "ADMIN");
        Api coordinator = staff(code, "COORDINATOR",
                admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id"));
        Api auditor = staff(code, "AUDITOR");

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = admin.get("/v1/schemes?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            expect(page, 200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(s -> all.add(s.get("code").asText()));
            cursor = page.json().has("nextCursor") ? page.field("nextCursor") : null;
        } while (cursor != null);

        Long count = (long) admin.get("/v1/schemes?limit=200").json().get("items").size();
        assertThat(all).isSorted().doesNotHaveDuplicates().contains(code).hasSize(count.intValue());
        for (Api staff : List.of(schemeAdmin, coordinator, auditor)) {
            Api.Reply mine = staff.get("/v1/schemes");
            expect(mine, 200);
            assertThat(Api.ids(mine.json().get("items"), "code")).containsExactly(code);
        }
        assertThat(memberLogin(code, "Ada Lovelace").api().get("/v1/schemes").status()).isEqualTo(403);
        assertThat(anonymous.get("/v1/schemes").status()).isEqualTo(401);
    }

}

package org.timeledger.timebank;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Members paying each other for help: recorded by the payer, by staff, or asked for by the
 * helper and confirmed; each rule at its boundary, and the races that must post once.
 */
public abstract class ExchangesTests extends ServiceTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    TestClock clock;

    /** A timebank where members may owe ten hours, with shopping and befriending (which needs vetting). */
    record Bank(JsonNode scheme, String code, Api coordinator, MemberLogin ada, MemberLogin bea) {
    }

    Bank bank(Object... fields) {
        Object[] all = new Object[fields.length + 4];
        all[0] = "memberFloorMinutes";
        all[1] = -600;
        all[2] = "lowestMemberFloorMinutes";
        all[3] = -1200;
        System.arraycopy(fields, 0, all, 4, fields.length);
        JsonNode scheme = createScheme(all);
        String code = scheme.get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "befriending", "name", "Befriending",
                "requiresVetting", true)), 201);
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Timebank office")).field("id");
        return new Bank(scheme, code, staff(code, "COORDINATOR", organisation), memberLogin(code, "Ada Lovelace"),
                memberLogin(code, "Bea Smith"));
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LONDON);
    }

    Map<String, Object> help(long minutes, String category, LocalDate date) {
        return object("minutes", minutes, "categoryCode", category, "date", date.toString(), "description", "Weekly shop");
    }

    Api.Reply pay(MemberLogin payer, MemberLogin helper, long minutes) {
        return pay(payer, helper, minutes, "shopping", today());
    }

    Api.Reply pay(MemberLogin payer, MemberLogin helper, long minutes, String category, LocalDate date) {
        Map<String, Object> body = object("toCardNumber", helper.cardNumber());
        body.putAll(help(minutes, category, date));
        return payer.api().post("/v1/me/exchanges", body, "Idempotency-Key", newKey());
    }

    Api.Reply ask(MemberLogin helper, MemberLogin payer, long minutes) {
        Map<String, Object> body = object("fromMemberId", payer.memberId());
        body.putAll(help(minutes, "shopping", today()));
        return helper.api().post("/v1/me/payment-requests", body);
    }

    Api.Reply confirm(MemberLogin payer, String requestId) {
        return payer.api().post("/v1/payment-requests/" + requestId + "/confirmation", null, "Idempotency-Key", newKey());
    }

    static void expectRule(Api.Reply reply, String rule) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.code()).as(reply.toString()).isEqualTo("rule_violated");
        assertThat(reply.field("rule")).isEqualTo(rule);
        assertThat(reply.field("detail")).isNotBlank();
    }

    static void expectCode(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
    }

    // ---- recording ----

    @Test
    void adaPaysBeaForAnHourOfShoppingAndBothSeeIt() {
        Bank b = bank();

        Api.Reply paid = pay(b.ada(), b.bea(), 60);

        expect(paid, 201);
        assertThat(paid.field("payerName")).isEqualTo("Ada Lovelace");
        assertThat(paid.field("helperName")).isEqualTo("Bea Smith");
        assertThat(paid.field("categoryCode")).isEqualTo("shopping");
        assertThat(paid.field("date")).isEqualTo(today().toString());
        assertThat(paid.header("Location")).contains("/v1/entries/" + paid.field("entryId"));
        JsonNode entry = admin.get("/v1/entries/" + paid.field("entryId")).json();
        assertThat(entry.get("type").asText()).isEqualTo("EXCHANGE");
        assertThat(balance(b.ada().accountId())).as("Ada may owe up to ten hours").isEqualTo(-60);
        assertThat(balance(b.bea().accountId())).isEqualTo(60);
        assertThat(b.bea().api().get("/v1/me/exchanges").json().get("items").get(0).get("entryId").asText())
                .isEqualTo(paid.field("entryId"));
        assertThat(b.ada().api().get("/v1/me/exchanges").json().get("items")).hasSize(1);
        JsonNode listed = b.coordinator().get("/v1/schemes/" + b.code() + "/exchanges?memberId=" + b.bea().memberId()).json();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("reversed").asBoolean()).isFalse();
        assertThat(reconcile(b.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void staffRecordAnExchangeOnThePayersBehalf() {
        Bank b = bank();
        Map<String, Object> body = object("fromMemberId", b.ada().memberId(), "toMemberId", b.bea().memberId());
        body.putAll(help(90, "shopping", today()));

        Api.Reply recorded = b.coordinator().post("/v1/schemes/" + b.code() + "/exchanges", body, "Idempotency-Key", newKey());

        expect(recorded, 201);
        assertThat(recorded.field("onBehalfOf")).isEqualTo(b.ada().memberId());
        assertThat(recorded.field("recordedByName")).startsWith("coordinator-");
        assertThat(admin.get("/v1/entries/" + recorded.field("entryId")).field("onBehalfOf")).isEqualTo(b.ada().memberId());
        assertThat(balance(b.bea().accountId())).isEqualTo(90);
        Api.Reply missingKey = b.coordinator().post("/v1/schemes/" + b.code() + "/exchanges", body);
        expectCode(missingKey, 400, "idempotency_key_missing");
        assertThat(pay(b.bea(), b.ada(), 30).field("recordedByName")).as("a member's login name is not shown").isNull();
    }

    @Test
    void aStaffRecordedExchangeCanBeListedByCategoryAndDate() {
        Bank b = bank();
        expect(pay(b.ada(), b.bea(), 30), 201);
        expect(pay(b.bea(), b.ada(), 45, "shopping", today().minusDays(3)), 201);
        String base = "/v1/schemes/" + b.code() + "/exchanges";

        assertThat(admin.get(base + "?from=" + today().minusDays(1)).json().get("items")).hasSize(1);
        assertThat(admin.get(base + "?categoryCode=befriending").json().get("items")).isEmpty();
        expectCode(admin.get(base + "?categoryCode=nope"), 400, "validation_failed");
        JsonNode first = admin.get(base + "?limit=1").json();
        assertThat(first.get("items").get(0).get("minutes").asInt()).as("newest recorded first").isEqualTo(45);
        JsonNode second = admin.get(base + "?limit=1&cursor=" + first.get("nextCursor").asText()).json();
        assertThat(second.get("items").get(0).get("minutes").asInt()).isEqualTo(30);
        expectCode(b.ada().api().get(base), 403, "forbidden");
    }

    // ---- the rules, each at its boundary ----

    @Test
    void nobodyPaysThemselves() {
        Bank b = bank();
        expectRule(pay(b.ada(), b.ada(), 60), "not_with_yourself");
    }

    @Test
    void anExchangeIsOneMinuteToTwentyFourHours() {
        Bank b = bank();
        issue(b.scheme(), b.ada().accountId(), 3000);
        expectRule(pay(b.ada(), b.bea(), 0), "minutes_per_exchange");
        expectRule(pay(b.ada(), b.bea(), 1441), "minutes_per_exchange");
        expect(pay(b.ada(), b.bea(), 1), 201);
        expect(pay(b.ada(), b.bea(), 1439), 201);
    }

    @Test
    void theDateIsNotInTheFutureNorBeyondTheBackdatingLimit() {
        Bank b = bank("backdateDays", 7);
        expectRule(pay(b.ada(), b.bea(), 60, "shopping", today().plusDays(1)), "date_in_future");
        expectRule(pay(b.ada(), b.bea(), 60, "shopping", today().minusDays(8)), "backdate_limit");
        expect(pay(b.ada(), b.bea(), 60, "shopping", today().minusDays(7)), 201);
        expect(pay(b.ada(), b.bea(), 60, "shopping", today()), 201);
    }

    @Test
    void theHelpersDayCountsActivitiesAndExchangesTogether() {
        Bank b = bank();
        issue(b.scheme(), b.ada().accountId(), 3000);
        String organisation = admin.post("/v1/schemes/" + b.code() + "/organisations", object("name", "Lunch club")).field("id");
        expect(admin.post("/v1/schemes/" + b.code() + "/activities", object("memberId", b.bea().memberId(), "organisationId",
                organisation, "date", today().toString(), "minutes", 1000, "categoryCode", "shopping"),
                "Idempotency-Key", newKey()), 201);

        expectRule(pay(b.ada(), b.bea(), 441), "daily_limit");
        expect(pay(b.ada(), b.bea(), 440), 201);
        expectRule(pay(b.ada(), b.bea(), 1), "daily_limit");
        expect(pay(b.ada(), b.bea(), 1, "shopping", today().minusDays(1)), 201);

        Api.Reply activity = admin.post("/v1/schemes/" + b.code() + "/activities", object("memberId", b.bea().memberId(),
                "organisationId", organisation, "date", today().minusDays(1).toString(), "minutes", 1440,
                "categoryCode", "shopping"), "Idempotency-Key", newKey());
        expectRule(activity, "daily_limit");
        assertThat(activity.field("detail")).contains("exchanged with other members");
    }

    @Test
    void vettedHelpNeedsTheHelperClearedOnTheDay() {
        Bank b = bank();
        expectRule(pay(b.ada(), b.bea(), 60, "befriending", today()), "vetting_required");
        expect(admin.send("PUT", "/v1/members/" + b.bea().memberId() + "/vetting", object("status", "CLEARED",
                "checkedOn", today().toString())), 200);
        expectRule(pay(b.ada(), b.bea(), 60, "befriending", today().minusDays(1)), "vetting_required");
        expect(pay(b.ada(), b.bea(), 60, "befriending", today()), 201);
        expect(pay(b.bea(), b.ada(), 60, "shopping", today()), 201);
        expectRule(pay(b.bea(), b.ada(), 60, "befriending", today()), "vetting_required");
    }

    @Test
    void thePayersFloorHoldsAndTheRefusalSaysHowMuchInHours() {
        Bank b = bank();
        expect(pay(b.ada(), b.bea(), 600), 201);

        Api.Reply over = pay(b.ada(), b.bea(), 1);

        expectCode(over, 422, "insufficient_credits");
        assertThat(over.field("detail")).contains("Ada Lovelace has no credits left to pay with").contains("owe up to 10 hours")
                .doesNotContain("acc_");
        assertThat(balance(b.ada().accountId())).isEqualTo(-600);
    }

    @Test
    void unknownErasedAndBlockedMembersAreRefusedInWords() {
        Bank b = bank();
        Map<String, Object> unknown = object("toMemberId", "mem_nobody");
        unknown.putAll(help(60, "shopping", today()));
        expectCode(b.ada().api().post("/v1/me/exchanges", unknown, "Idempotency-Key", newKey()), 422, "member_not_found");

        String oldCard = b.bea().cardNumber();
        expect(b.bea().api().post("/v1/me/card/replacement", null), 201);
        Map<String, Object> blocked = object("toCardNumber", oldCard);
        blocked.putAll(help(60, "shopping", today()));
        Api.Reply refused = b.ada().api().post("/v1/me/exchanges", blocked, "Idempotency-Key", newKey());
        expectCode(refused, 422, "card_blocked");
        assertThat(refused.field("detail")).contains("new card");

        Map<String, Object> category = object("toMemberId", b.bea().memberId());
        category.putAll(help(60, "gardening", today()));
        expectCode(b.ada().api().post("/v1/me/exchanges", category, "Idempotency-Key", newKey()), 400, "validation_failed");

        MemberLogin cy = memberLogin(b.code(), "Cy Erased");
        expect(admin.send("DELETE", "/v1/members/" + cy.memberId() + "/personal-data", null, "Idempotency-Key", newKey()), 200);
        Map<String, Object> erased = object("toMemberId", cy.memberId());
        erased.putAll(help(60, "shopping", today()));
        expectCode(b.ada().api().post("/v1/me/exchanges", erased, "Idempotency-Key", newKey()), 409, "member_erased");

        Map<String, Object> both = object("toMemberId", b.bea().memberId(), "toCardNumber", oldCard);
        both.putAll(help(60, "shopping", today()));
        expectCode(b.ada().api().post("/v1/me/exchanges", both, "Idempotency-Key", newKey()), 400, "validation_failed");
    }

    @Test
    void aMemberOfAnotherSchemeCannotBePaid() {
        Bank b = bank();
        Bank other = bank();
        Map<String, Object> body = object("toMemberId", other.bea().memberId());
        body.putAll(help(60, "shopping", today()));
        expectCode(b.ada().api().post("/v1/me/exchanges", body, "Idempotency-Key", newKey()), 422, "member_not_found");
        expectCode(b.coordinator().get("/v1/schemes/" + other.code() + "/exchanges"), 404, "not_found");
    }

    // ---- payment requests ----

    @Test
    void beaAsksAdaConfirmsAndTheHelpIsPaidOnce() {
        Bank b = bank();

        Api.Reply asked = ask(b.bea(), b.ada(), 60);

        expect(asked, 201);
        assertThat(asked.field("status")).isEqualTo("PENDING");
        assertThat(asked.field("helperName")).isEqualTo("Bea Smith");
        JsonNode incoming = b.ada().api().get("/v1/me/payment-requests?direction=incoming&status=PENDING").json();
        assertThat(incoming.get("items")).hasSize(1);
        assertThat(b.bea().api().get("/v1/me/payment-requests?direction=outgoing").json().get("items")).hasSize(1);
        assertThat(b.bea().api().get("/v1/me/payment-requests?direction=incoming").json().get("items")).isEmpty();
        assertThat(balance(b.ada().accountId())).as("nothing moves before confirmation").isZero();

        Api.Reply confirmed = confirm(b.ada(), asked.field("id"));
        Api.Reply again = confirm(b.ada(), asked.field("id"));

        expect(confirmed, 200);
        assertThat(confirmed.field("status")).isEqualTo("CONFIRMED");
        assertThat(again.field("entryId")).isEqualTo(confirmed.field("entryId"));
        assertThat(balance(b.ada().accountId())).isEqualTo(-60);
        assertThat(balance(b.bea().accountId())).isEqualTo(60);
        JsonNode exchanges = b.bea().api().get("/v1/me/exchanges").json().get("items");
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0).get("paymentRequestId").asText()).isEqualTo(asked.field("id"));
    }

    @Test
    void eightConfirmationsAtOncePostOneEntry() throws Exception {
        Bank b = bank();
        String id = ask(b.bea(), b.ada(), 60).field("id");

        List<Api.Reply> replies = concurrently(8, i -> confirm(b.ada(), id));

        assertThat(replies).allSatisfy(r -> expect(r, 200));
        assertThat(replies.stream().map(r -> r.field("entryId")).distinct()).hasSize(1);
        assertThat(balance(b.bea().accountId())).isEqualTo(60);
        assertThat(b.bea().api().get("/v1/me/exchanges").json().get("items")).hasSize(1);
    }

    @Test
    void aDeclinedRequestCannotBeConfirmedAndOnlyThePayerAnswers() {
        Bank b = bank();
        String id = ask(b.bea(), b.ada(), 60).field("id");

        expectCode(confirm(b.bea(), id), 403, "forbidden");
        expectCode(b.bea().api().post("/v1/payment-requests/" + id + "/decline", object("reason", "no")), 403, "forbidden");
        MemberLogin cy = memberLogin(b.code(), "Cy");
        expectCode(confirm(cy, id), 404, "not_found");
        expectCode(b.ada().api().post("/v1/payment-requests/" + id + "/decline", object("reason", " ")), 400, "validation_failed");

        Api.Reply declined = b.ada().api().post("/v1/payment-requests/" + id + "/decline", object("reason", "It was half an hour"));

        expect(declined, 200);
        assertThat(declined.field("status")).isEqualTo("DECLINED");
        assertThat(declined.field("declineReason")).isEqualTo("It was half an hour");
        Api.Reply late = confirm(b.ada(), id);
        expectCode(late, 409, "payment_request_decided");
        assertThat(late.field("detail")).contains("declined");
        expectCode(b.bea().api().post("/v1/payment-requests/" + id + "/cancellation", null), 409, "payment_request_decided");
        assertThat(balance(b.ada().accountId())).isZero();
    }

    @Test
    void theHelperMayCancelAPendingRequest() {
        Bank b = bank();
        String id = ask(b.bea(), b.ada(), 60).field("id");

        expectCode(b.ada().api().post("/v1/payment-requests/" + id + "/cancellation", null), 403, "forbidden");
        Api.Reply cancelled = b.bea().api().post("/v1/payment-requests/" + id + "/cancellation", null);

        expect(cancelled, 200);
        assertThat(cancelled.field("status")).isEqualTo("CANCELLED");
        expectCode(confirm(b.ada(), id), 409, "payment_request_decided");
    }

    @Test
    void aRequestBreakingARuleIsRefusedWhenAskedAndTheFloorWhenConfirmed() {
        Bank b = bank();
        expectRule(ask(b.bea(), b.bea(), 60), "not_with_yourself");
        expectRule(ask(b.bea(), b.ada(), 1441), "minutes_per_exchange");
        Map<String, Object> neither = help(60, "shopping", today());
        expectCode(b.bea().api().post("/v1/me/payment-requests", neither), 400, "validation_failed");

        String big = ask(b.bea(), b.ada(), 601).field("id");
        Api.Reply refused = confirm(b.ada(), big);
        expectCode(refused, 422, "insufficient_credits");
        assertThat(b.ada().api().get("/v1/me/payment-requests?status=PENDING").json().get("items")).hasSize(1);
    }

    @Test
    void anUnansweredRequestExpiresAfterTheSchemesDays() {
        Bank b = bank("paymentRequestDays", 3);
        String id = ask(b.bea(), b.ada(), 60).field("id");
        String early = ask(b.bea(), b.ada(), 30).field("id");
        clock.advance(java.time.Duration.ofDays(3).minusMinutes(1));
        expect(confirm(b.ada(), early), 200);

        clock.advance(java.time.Duration.ofMinutes(2));

        Api.Reply late = confirm(b.ada(), id);
        expectCode(late, 409, "payment_request_expired");
        assertThat(b.ada().api().get("/v1/me/payment-requests?status=EXPIRED").json().get("items")).hasSize(1);
        assertThat(b.ada().api().get("/v1/me/payment-requests?status=PENDING").json().get("items")).isEmpty();
        assertThat(b.ada().api().get("/v1/me/payment-requests?status=CONFIRMED").json().get("items")).hasSize(1);
        expectCode(b.ada().api().get("/v1/me/payment-requests?status=LATE"), 400, "validation_failed");
        expectCode(b.ada().api().get("/v1/me/payment-requests?direction=sideways"), 400, "validation_failed");
    }

    @Test
    void erasureForgetsWhatExchangesSayAndCancelsWaitingRequests() {
        Bank b = bank();
        expect(pay(b.ada(), b.bea(), 60), 201);
        String waiting = ask(b.bea(), b.ada(), 30).field("id");

        expect(admin.send("DELETE", "/v1/members/" + b.bea().memberId() + "/personal-data", null,
                "Idempotency-Key", newKey()), 200);

        JsonNode exchange = b.ada().api().get("/v1/me/exchanges").json().get("items").get(0);
        assertThat(exchange.get("description").asText()).isEqualTo("(erased)");
        assertThat(exchange.get("minutes").asInt()).isEqualTo(60);
        JsonNode request = b.ada().api().get("/v1/me/payment-requests").json().get("items").get(0);
        assertThat(request.get("id").asText()).isEqualTo(waiting);
        assertThat(request.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(reconcile(b.code()).get("balanced").asBoolean()).isTrue();
    }

    // ---- concurrency against one payer's floor ----

    @Test
    void concurrentExchangesAgainstOnePayersFloorKeepIt() throws Exception {
        Bank b = bank();
        List<MemberLogin> helpers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            helpers.add(memberLogin(b.code(), "Helper " + i));
        }

        List<Api.Reply> replies = concurrently(8, i -> pay(b.ada(), helpers.get(i), 120));

        long paid = replies.stream().filter(r -> r.status() == 201).count();
        assertThat(paid).as("ten hours of debt allow five two-hour exchanges").isEqualTo(5);
        assertThat(replies.stream().filter(r -> r.status() != 201)).allSatisfy(r -> expectCode(r, 422, "insufficient_credits"));
        assertThat(balance(b.ada().accountId())).isEqualTo(-600);
        assertThat(reconcile(b.code()).get("balanced").asBoolean()).isTrue();
    }

    // ---- members' limits ----

    @Test
    void anAdministratorGivesATrustedMemberAWiderLimitWithinTheBound() {
        Bank b = bank();
        String limits = "/v1/members/" + b.ada().memberId() + "/limits";

        expectRule(admin.send("PUT", limits, object("floorMinutes", -1201, "reason", "trusted")), "floor_bound");
        expectCode(admin.send("PUT", limits, object("floorMinutes", 1, "reason", "trusted")), 400, "validation_failed");
        expectCode(b.coordinator().send("PUT", limits, object("floorMinutes", -900, "reason", "trusted")), 403, "forbidden");
        expectCode(b.ada().api().send("PUT", limits, object("floorMinutes", -900, "reason", "me")), 403, "forbidden");
        Api.Reply set = admin.send("PUT", limits, object("floorMinutes", -1200, "reason", "Trusted member for two years"));

        expect(set, 200);
        assertThat(set.number("floorMinutes")).isEqualTo(-1200);
        expect(pay(b.ada(), b.bea(), 1200), 201);
        expectCode(pay(b.ada(), b.bea(), 1, "shopping", today().minusDays(1)), 422, "insufficient_credits");

        expect(admin.send("PUT", limits, object("floorMinutes", 0, "reason", "Back to a newcomer's limit")), 200);
        JsonNode history = b.ada().api().get(limits).json().get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("floorMinutesBefore").asLong()).isEqualTo(-1200);
        assertThat(history.get(0).get("reason").asText()).isEqualTo("Back to a newcomer's limit");
        assertThat(history.get(0).get("changedByName").asText()).isEqualTo("admin");
        assertThat(history.get(1).get("floorMinutesBefore").asLong()).isEqualTo(-600);
        assertThat(balance(b.ada().accountId())).as("a balance below a tightened floor stays").isEqualTo(-1200);
        expectCode(b.bea().api().get(limits), 404, "not_found");
        assertThat(reconcile(b.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aFloorEditedInTheDatabaseIsNamedAfterRecordedChanges() throws Exception {
        Bank b = bank();
        String limits = "/v1/members/" + b.ada().memberId() + "/limits";
        expect(admin.send("PUT", limits, object("floorMinutes", -900, "reason", "trusted")), 200);
        expect(pay(b.ada(), b.bea(), 60), 201);
        assertThat(reconcile(b.code()).get("balanced").asBoolean()).isTrue();

        update("UPDATE account SET floor_minutes = -6000000 WHERE id = ?", b.ada().accountId());
        JsonNode report = reconcile(b.code());
        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).containsOnly("ACCOUNT_FLOOR_MISMATCH");

        update("UPDATE account SET floor_minutes = -900 WHERE id = ?", b.ada().accountId());
        update("UPDATE account_floor_change SET new_floor_minutes = -6000000 WHERE account_id = ?", b.ada().accountId());
        update("UPDATE account SET floor_minutes = -6000000 WHERE id = ?", b.ada().accountId());
        assertThat(kinds(reconcile(b.code()))).containsOnly("FLOOR_CHANGE_MISMATCH");
    }

    private void update(String statement, String parameter) throws Exception {
        try (var c = sql(); var ps = c.prepareStatement(statement)) {
            ps.setString(1, parameter);
            assertThat(ps.executeUpdate()).as(statement).isEqualTo(1);
        }
    }

    private static List<String> kinds(JsonNode report) {
        List<String> kinds = new ArrayList<>();
        report.get("mismatches").forEach(m -> kinds.add(m.get("kind").asText()));
        return kinds;
    }

    interface Call {
        Api.Reply run(int i) throws Exception;
    }

    private static List<Api.Reply> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}

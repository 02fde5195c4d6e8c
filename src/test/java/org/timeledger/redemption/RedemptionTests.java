package org.timeledger.redemption;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Spending at a till: holds, captures, voids, expiry, refunds, quotas, family and lost cards. */
public abstract class RedemptionTests extends ServiceTest {
    @Inject
    TestClock clock;
    @Inject
    HoldSweep sweep;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.hold-sweep.interval", "1h"); // the tests run the sweep themselves
    }

    /** A scheme with a leisure centre, its till, a swim offer, and Ada holding 300 minutes. */
    record Venue(JsonNode scheme, String code, String partner, String partnerAccount, Api till, String swim,
                 MemberLogin ada) {
    }

    Venue venue(Object... offerFields) {
        JsonNode scheme = createScheme("holdMinutes", 15);
        String code = scheme.get("code").asText();
        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis Leisure Centre",
                "ward", "Holborn")).json();
        String partnerId = partner.get("id").asText();
        Map<String, Object> offer = object("title", "Swim session", "amountMinutes", 60);
        offer.putAll(object(offerFields));
        Api.Reply swim = admin.post("/v1/partners/" + partnerId + "/offers", offer);
        expect(swim, 201);
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        issue(scheme, ada.accountId(), 300);
        return new Venue(scheme, code, partnerId, partner.get("accountId").asText(), till(partnerId), swim.field("id"), ada);
    }

    Api.Reply hold(Venue v, String card, Object... fields) {
        Map<String, Object> body = object("cardNumber", card, "tillReference", "T-" + newKey().substring(0, 8));
        body.putAll(object(fields));
        if (!body.containsKey("amountMinutes") && !body.containsKey("offerId")) {
            body.put("offerId", v.swim());
        }
        return v.till().post("/v1/redemptions", body, "Idempotency-Key", newKey());
    }

    Api.Reply capture(Venue v, String redemption, Long minutes) {
        return v.till().post("/v1/redemptions/" + redemption + "/capture",
                minutes == null ? null : object("amountMinutes", minutes), "Idempotency-Key", newKey());
    }

    Api.Reply voidIt(Venue v, String redemption) {
        return v.till().post("/v1/redemptions/" + redemption + "/void", null, "Idempotency-Key", newKey());
    }

    Api.Reply refund(Venue v, String redemption, long minutes) {
        return v.till().post("/v1/redemptions/" + redemption + "/refunds", object("amountMinutes", minutes,
                "reason", "Pool closed early"), "Idempotency-Key", newKey());
    }

    JsonNode account(String id) {
        return admin.get("/v1/accounts/" + id).json();
    }

    static void expectCode(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
    }

    // ---- the lifecycle ----

    @Test
    void aHoldSetsCreditsAsideAndACaptureMovesThemToThePartner() {
        Venue v = venue();

        Api.Reply held = hold(v, v.ada().cardNumber());
        expect(held, 201);
        assertThat(held.field("status")).isEqualTo("HELD");
        assertThat(held.number("amountMinutes")).isEqualTo(60);
        assertThat(held.number("availableAfterMinutes")).isEqualTo(240);
        assertThat(Instant.parse(held.field("holdExpiresAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(account(v.ada().accountId()).get("balanceMinutes").asLong()).as("balance unchanged").isEqualTo(300);
        assertThat(account(v.ada().accountId()).get("availableMinutes").asLong()).isEqualTo(240);

        Api.Reply captured = capture(v, held.field("id"), null);

        expect(captured, 200);
        assertThat(captured.field("status")).isEqualTo("CAPTURED");
        assertThat(captured.number("capturedMinutes")).isEqualTo(60);
        JsonNode entry = admin.get("/v1/entries/" + captured.field("entryId")).json();
        assertThat(entry.get("type").asText()).isEqualTo("REDEMPTION");
        assertThat(entry.get("onBehalfOf").asText()).isEqualTo(v.ada().memberId());
        assertThat(account(v.ada().accountId()).get("balanceMinutes").asLong()).isEqualTo(240);
        assertThat(account(v.ada().accountId()).get("heldMinutes").asLong()).isZero();
        assertThat(balance(v.partnerAccount())).isEqualTo(60);
        JsonNode line = v.ada().api().get("/v1/me/postings").json().get("items").get(0);
        assertThat(line.get("memo").asText()).as("the member sees where they spent").isEqualTo("Swim session at Oasis Leisure Centre");
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aPartialCaptureReleasesTheRest() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "amountMinutes", 100).field("id");

        Api.Reply captured = capture(v, id, 70L);
        Api.Reply more = capture(v, hold(v, v.ada().cardNumber(), "amountMinutes", 10).field("id"), 11L);

        assertThat(captured.number("capturedMinutes")).isEqualTo(70);
        assertThat(captured.number("availableAfterMinutes")).as("300 less the 70 captured; the other 30 released").isEqualTo(230);
        expectCode(more, 422, "capture_exceeds_held");
        assertThat(account(v.ada().accountId()).get("heldMinutes").asLong()).as("the 10-minute hold is still open").isEqualTo(10);
    }

    @Test
    void aVoidReleasesEverythingAndAResolvedHoldResolvesNoFurther() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber()).field("id");

        Api.Reply voided = voidIt(v, id);
        Api.Reply voidedAgain = voidIt(v, id);
        Api.Reply capturedAfter = capture(v, id, null);

        expect(voided, 200);
        assertThat(voided.field("status")).isEqualTo("VOIDED");
        assertThat(voided.number("availableAfterMinutes")).isEqualTo(300);
        expectCode(voidedAgain, 409, "hold_not_open");
        expectCode(capturedAfter, 409, "hold_not_open");
        String captured = hold(v, v.ada().cardNumber()).field("id");
        expect(capture(v, captured, null), 200);
        expectCode(capture(v, captured, null), 409, "hold_not_open");
        expectCode(voidIt(v, captured), 409, "hold_not_open");
        assertThat(balance(v.ada().accountId())).isEqualTo(240);
    }

    @Test
    void holdAndCaptureInOneStep() {
        Venue v = venue();

        Api.Reply both = hold(v, v.ada().cardNumber(), "capture", true);

        expect(both, 201);
        assertThat(both.field("status")).isEqualTo("CAPTURED");
        assertThat(both.number("availableAfterMinutes")).isEqualTo(240);
        assertThat(balance(v.partnerAccount())).isEqualTo(60);
    }

    @Test
    void anExpiredHoldNoLongerCountsEvenBeforeTheSweepAndCannotBeCaptured() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "amountMinutes", 250).field("id");
        assertThat(account(v.ada().accountId()).get("availableMinutes").asLong()).isEqualTo(50);

        clock.advance(Duration.ofMinutes(16));

        assertThat(account(v.ada().accountId()).get("availableMinutes").asLong()).as("before any sweep").isEqualTo(300);
        assertThat(v.ada().api().get("/v1/me").json().get("account").get("availableMinutes").asLong()).isEqualTo(300);
        assertThat(v.till().get("/v1/redemptions/" + id).field("status")).isEqualTo("EXPIRED");
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
        expectCode(capture(v, id, null), 409, "hold_expired");
        expectCode(voidIt(v, id), 409, "hold_expired");
        Api.Reply spendsAll = hold(v, v.ada().cardNumber(), "amountMinutes", 300);
        expect(spendsAll, 201);
        assertThat(heldMinutesStored(v.ada().accountId())).as("the new hold's lock released the expired one").isEqualTo(300);
        expect(voidIt(v, spendsAll.field("id")), 200);
    }

    @Test
    void theSweepReleasesExpiredHoldsWithoutTheAccountBeingTouched() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "amountMinutes", 100).field("id");
        clock.advance(Duration.ofMinutes(16));
        assertThat(heldMinutesStored(v.ada().accountId())).isEqualTo(100);

        sweep.sweep();

        assertThat(heldMinutesStored(v.ada().accountId())).isZero();
        assertThat(holdStatus(id)).isEqualTo("EXPIRED");
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
        expectCode(capture(v, id, null), 409, "hold_expired");
    }

    @Test
    void refundsComeInPartsAndNeverExceedWhatWasCaptured() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "capture", true).field("id");

        Api.Reply part = refund(v, id, 20);
        Api.Reply rest = refund(v, id, 40);
        Api.Reply over = refund(v, id, 1);
        String held = hold(v, v.ada().cardNumber()).field("id");
        Api.Reply notCaptured = refund(v, held, 1);

        expect(part, 201);
        assertThat(admin.get("/v1/entries/" + part.field("entryId")).field("type")).isEqualTo("REFUND");
        assertThat(rest.number("refundedTotalMinutes")).isEqualTo(60);
        expectCode(over, 422, "refund_exceeds_captured");
        expectCode(notCaptured, 422, "refund_exceeds_captured");
        assertThat(balance(v.ada().accountId())).isEqualTo(300);
        assertThat(balance(v.partnerAccount())).isZero();
        assertThat(v.till().get("/v1/redemptions/" + id).number("refundedMinutes")).isEqualTo(60);
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aWeeklyQuotaCountsHeldAndCapturedRedemptions() {
        Venue v = venue("weeklyQuota", 2);
        String first = hold(v, v.ada().cardNumber()).field("id");
        expect(hold(v, v.ada().cardNumber(), "capture", true), 201);

        Api.Reply third = hold(v, v.ada().cardNumber());
        voidIt(v, first);
        Api.Reply afterVoid = hold(v, v.ada().cardNumber());

        expectCode(third, 409, "quota_exhausted");
        expect(afterVoid, 201);
        assertThat(v.till().send("PATCH", "/v1/offers/" + v.swim(), object("weeklyQuota", 0)).status()).isEqualTo(200);
        expect(hold(v, v.ada().cardNumber()), 201);
    }

    @Test
    void aRetiredOfferCannotBeRedeemedAndIsNotListed() {
        Venue v = venue();

        Api.Reply retired = v.till().send("PATCH", "/v1/offers/" + v.swim(), object("active", false));
        Api.Reply held = hold(v, v.ada().cardNumber());

        assertThat(retired.field("active")).isEqualTo("false");
        expectCode(held, 422, "offer_not_available");
        assertThat(v.ada().api().get("/v1/schemes/" + v.code() + "/offers").json().get("items")).isEmpty();
        assertThat(v.till().get("/v1/partners/" + v.partner() + "/offers").json().get("items")).hasSize(1);
    }

    @Test
    void membersAndTillsSeeTheActiveOffersWithThePartnersNameAndWard() {
        Venue v = venue();

        JsonNode offer = v.ada().api().get("/v1/schemes/" + v.code() + "/offers").json().get("items").get(0);

        assertThat(offer.get("title").asText()).isEqualTo("Swim session");
        assertThat(offer.get("partnerName").asText()).isEqualTo("Oasis Leisure Centre");
        assertThat(offer.get("ward").asText()).isEqualTo("Holborn");
        assertThat(v.till().get("/v1/schemes/" + v.code() + "/offers").status()).isEqualTo(200);
    }

    // ---- family, cards and keys ----

    @Test
    void aBeneficiarySpendsFromTheAccountOfTheMemberWhoNamedThem() {
        Venue v = venue();
        MemberLogin mum = memberLogin(v.code(), "Grace Hopper");

        Api.Reply notYet = hold(v, mum.cardNumber(), "fundingAccountId", v.ada().accountId());
        Api.Reply named = v.ada().api().post("/v1/me/beneficiaries", object("cardNumber", mum.cardNumber()));
        JsonNode card = v.till().get("/v1/cards/" + mum.cardNumber()).json();
        Api.Reply spent = hold(v, mum.cardNumber(), "fundingAccountId", v.ada().accountId(), "capture", true);

        assertThat(notYet.status()).isEqualTo(400);
        expect(named, 201);
        assertThat(named.field("firstName")).isEqualTo("Grace");
        assertThat(card.get("firstName").asText()).isEqualTo("Grace");
        assertThat(card.get("accounts")).extracting(a -> a.get("holderFirstName").asText() + ":" + a.get("own").asBoolean()
                + ":" + a.get("availableMinutes").asLong()).containsExactly("Grace:true:0", "Ada:false:300");
        expect(spent, 201);
        assertThat(balance(v.ada().accountId())).isEqualTo(240);
        assertThat(v.ada().api().get("/v1/me/beneficiaries").json().get("items")).hasSize(1);

        expect(v.ada().api().send("DELETE", "/v1/me/beneficiaries/" + mum.memberId(), null), 204);
        assertThat(hold(v, mum.cardNumber(), "fundingAccountId", v.ada().accountId()).status()).isEqualTo(400);
        assertThat(v.ada().api().send("DELETE", "/v1/me/beneficiaries/" + mum.memberId(), null).status()).isEqualTo(404);
        assertThat(mum.api().post("/v1/me/gifts", object("toMemberId", v.ada().memberId(), "amountMinutes", 1),
                "Idempotency-Key", newKey()).code()).as("a beneficiary never gives the credits away").isEqualTo("insufficient_credits");
    }

    @Test
    void aLostCardIsBlockedAndReplaced() {
        Venue v = venue();
        String old = v.ada().cardNumber();

        Api.Reply replaced = v.ada().api().post("/v1/me/card/replacement", null);

        expect(replaced, 201);
        String fresh = replaced.field("cardNumber");
        assertThat(fresh).isNotEqualTo(old).hasSize(16);
        assertThat(v.till().get("/v1/cards/" + old).status()).isEqualTo(404);
        assertThat(hold(v, old).status()).isEqualTo(404);
        expect(hold(v, fresh), 201);
        Api coordinator = staff(v.code(), "COORDINATOR", admin.post("/v1/schemes/" + v.code() + "/organisations",
                object("name", "Group")).field("id"));
        Api.Reply byCoordinator = coordinator.post("/v1/members/" + v.ada().memberId() + "/card/replacement", null);
        expect(byCoordinator, 201);
        assertThat(v.till().get("/v1/cards/" + fresh).status()).isEqualTo(404);
        assertThat(v.till().get("/v1/cards/1234").status()).isEqualTo(404);
    }

    @Test
    void aRevokedKeyAndAnotherPartnersTillAreRefused() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber()).field("id");
        String other = admin.post("/v1/schemes/" + v.code() + "/partners", object("name", "Corner shop")).field("id");
        Api otherTill = till(other);
        Api.Reply key = admin.post("/v1/partners/" + v.partner() + "/api-keys", object("label", "lost"));
        Api lostTill = anonymous.withApiKey(key.field("key"));
        expect(admin.send("DELETE", "/v1/api-keys/" + key.field("id"), null), 204);

        assertThat(otherTill.get("/v1/redemptions/" + id).status()).isEqualTo(404);
        assertThat(otherTill.post("/v1/redemptions/" + id + "/capture", null, "Idempotency-Key", newKey()).status()).isEqualTo(404);
        assertThat(otherTill.post("/v1/redemptions", object("cardNumber", v.ada().cardNumber(), "offerId", v.swim(),
                "tillReference", "x"), "Idempotency-Key", newKey()).code()).isEqualTo("offer_not_available");
        assertThat(lostTill.post("/v1/redemptions", object("cardNumber", v.ada().cardNumber(), "offerId", v.swim(),
                "tillReference", "x"), "Idempotency-Key", newKey()).status()).isEqualTo(401);
        assertThat(v.ada().api().post("/v1/redemptions", object("cardNumber", v.ada().cardNumber(), "amountMinutes", 5,
                "tillReference", "x"), "Idempotency-Key", newKey()).status()).as("members do not redeem for themselves").isEqualTo(403);
    }

    // ---- safety ----

    @Test
    void sixteenTillsHoldingAtOnceOnAMemberWhoCanAffordFiveHoldExactlyFive() throws Exception {
        Venue v = venue();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Api till = i % 2 == 0 ? v.till() : till(v.partner());
            replies.add(pool.submit(() -> {
                start.await();
                return till.post("/v1/redemptions", object("cardNumber", v.ada().cardNumber(), "offerId", v.swim(),
                        "tillReference", "race"), "Idempotency-Key", newKey());
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            Api.Reply r = reply.get();
            outcomes.add(r.status() == 201 ? "held" : r.code());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn("held"::equals).hasSize(5);
        assertThat(outcomes).filteredOn(o -> !o.equals("held")).containsOnly("insufficient_credits");
        assertThat(account(v.ada().accountId()).get("availableMinutes").asLong()).isZero();
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aTillRetryingWithTheSameKeyGetsTheOriginalAnswer() {
        Venue v = venue();
        String key = newKey();
        Map<String, Object> body = object("cardNumber", v.ada().cardNumber(), "offerId", v.swim(), "tillReference", "T-9");

        Api.Reply first = v.till().post("/v1/redemptions", body, "Idempotency-Key", key);
        Api.Reply retry = v.till().post("/v1/redemptions", body, "Idempotency-Key", key);
        String captureKey = newKey();
        Api.Reply captured = v.till().post("/v1/redemptions/" + first.field("id") + "/capture", null, "Idempotency-Key", captureKey);
        Api.Reply captureRetried = v.till().post("/v1/redemptions/" + first.field("id") + "/capture", null, "Idempotency-Key", captureKey);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.field("id")).isEqualTo(first.field("id"));
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(captureRetried.status()).isEqualTo(200);
        assertThat(captureRetried.field("entryId")).isEqualTo(captured.field("entryId"));
        assertThat(balance(v.ada().accountId())).as("held and captured once").isEqualTo(240);
    }

    @Test
    void aTillRetryingARefusedRequestGetsTheSameRefusalEvenIfCreditsArrivedMeanwhile() {
        Venue v = venue();
        String key = newKey();
        Map<String, Object> body = object("cardNumber", v.ada().cardNumber(), "amountMinutes", 400, "tillReference", "T-10",
                "capture", true);

        Api.Reply refused = v.till().post("/v1/redemptions", body, "Idempotency-Key", key);
        issue(v.scheme(), v.ada().accountId(), 200); // the member paid another way; credits arrive later
        Api.Reply retried = v.till().post("/v1/redemptions", body, "Idempotency-Key", key);
        Api.Reply newRequest = v.till().post("/v1/redemptions", body, "Idempotency-Key", newKey());

        expectCode(refused, 422, "insufficient_credits");
        expectCode(retried, 422, "insufficient_credits");
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(retried.field("detail")).isEqualTo(refused.field("detail"));
        assertThat(retried.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        expect(newRequest, 201);
        assertThat(balance(v.ada().accountId())).as("charged once, by the new request").isEqualTo(100);
    }

    @Test
    void simultaneousRefundsNeverRefundMoreThanWasCaptured() throws Exception {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "capture", true).field("id");
        List<Api.Reply> replies = together(10, i -> refund(v, id, 40));

        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 201).extracting(Api.Reply::code).containsOnly("refund_exceeds_captured");
        assertThat(balance(v.ada().accountId())).isEqualTo(280);
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aHoldCapturedAndVoidedAtOnceResolvesOnce() throws Exception {
        Venue v = venue();
        for (int round = 0; round < 3; round++) {
            String id = hold(v, v.ada().cardNumber(), "amountMinutes", 10).field("id");
            List<Api.Reply> replies = together(8, i -> i % 2 == 0 ? capture(v, id, null) : voidIt(v, id));
            assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(replies).filteredOn(r -> r.status() != 200).extracting(Api.Reply::code).containsOnly("hold_not_open");
        }
        assertThat(account(v.ada().accountId()).get("heldMinutes").asLong()).isZero();
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void redemptionsRefundsAndSettlementsAreNotReversedButCorrectedTheirOwnWay() {
        Venue v = venue();
        String id = hold(v, v.ada().cardNumber(), "capture", true).field("id");
        String entry = v.till().get("/v1/redemptions/" + id).field("entryId");

        Api.Reply reversal = admin.post("/v1/entries/" + entry + "/reversal", object("reason", "mistake"), "Idempotency-Key", newKey());

        expectCode(reversal, 422, "reversal_not_allowed");
        assertThat(reversal.field("detail")).contains("refund");
        expect(refund(v, id, 60), 201);
        assertThat(balance(v.ada().accountId())).as("paid back once").isEqualTo(300);
    }

    @Test
    void cardsReplacedAtOnceFromTwoPlacesAllGetNewNumbersAndBadTimesAreRefused() throws Exception {
        Venue v = venue();
        List<Api.Reply> replies = together(4, i -> v.ada().api().post("/v1/me/card/replacement", null));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(v.till().get("/v1/partners/" + v.partner() + "/redemptions?to=%2B1000000000-01-01T00:00:00Z").status())
                .isEqualTo(400);
        assertThat(admin.post("/v1/partners/" + v.partner() + "/settlements", object("upTo", "-1000000000-01-01T00:00:00Z"),
                "Idempotency-Key", newKey()).status()).isEqualTo(400);
    }

    /** Runs {@code count} requests at the same moment and collects their answers. */
    private List<Api.Reply> together(int count, java.util.function.IntFunction<Api.Reply> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<Api.Reply>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(n);
            }));
        }
        start.countDown();
        List<Api.Reply> replies = new ArrayList<>();
        for (Future<Api.Reply> f : futures) {
            replies.add(f.get());
        }
        pool.shutdown();
        return replies;
    }

    @Test
    void reconciliationNamesAHeldAmountThatDoesNotMatchTheOpenHolds() throws Exception {
        Venue v = venue();
        hold(v, v.ada().cardNumber());
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("UPDATE account SET held_minutes = 1 WHERE id = ?")) {
            ps.setString(1, v.ada().accountId());
            ps.executeUpdate();
        }

        JsonNode report = reconcile(v.code());

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(report.get("mismatches").get(0).get("kind").asText()).isEqualTo("ACCOUNT_HELD_MISMATCH");
        assertThat(report.get("mismatches").get(0).get("expectedMinutes").asLong()).isEqualTo(60);
    }

    // ---- partners' statements and settlement ----

    @Test
    void aPartnersStatementTotalsItsRedemptionsAndSettlementRetiresTheCredits() {
        Venue v = venue();
        String a = hold(v, v.ada().cardNumber(), "capture", true).field("id");
        hold(v, v.ada().cardNumber(), "capture", true);
        refund(v, a, 15);
        hold(v, v.ada().cardNumber());

        JsonNode statement = v.till().get("/v1/partners/" + v.partner() + "/redemptions").json();
        Api.Reply csv = v.till().get("/v1/partners/" + v.partner() + "/redemptions", "Accept", "text/csv");
        Instant upTo = Instant.now();
        Api.Reply settled = admin.post("/v1/partners/" + v.partner() + "/settlements", object("upTo", upTo.toString()),
                "Idempotency-Key", newKey());
        Api.Reply again = admin.post("/v1/partners/" + v.partner() + "/settlements", object("upTo", upTo.toString()),
                "Idempotency-Key", newKey());

        assertThat(statement.get("totals").get("count").asLong()).isEqualTo(3);
        assertThat(statement.get("totals").get("capturedMinutes").asLong()).isEqualTo(120);
        assertThat(statement.get("totals").get("netMinutes").asLong()).isEqualTo(105);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().lines()).hasSize(5).last().asString().startsWith("TOTAL");
        expect(settled, 201);
        assertThat(settled.number("amountMinutes")).isEqualTo(105);
        assertThat(admin.get("/v1/entries/" + settled.field("entryId")).field("type")).isEqualTo("SETTLEMENT");
        assertThat(balance(v.partnerAccount())).isZero();
        assertThat(again.status()).as("nothing left to settle").isEqualTo(400);
        assertThat(v.till().get("/v1/partners/" + v.partner() + "/settlements").json().get("items")).hasSize(1);
        assertThat(reconcile(v.code()).get("balanced").asBoolean()).isTrue();
    }

    private long heldMinutesStored(String accountId) {
        return single("SELECT held_minutes FROM account WHERE id = ?", accountId, Long.class);
    }

    private String holdStatus(String redemptionId) {
        return single("SELECT h.status FROM hold h JOIN redemption r ON r.hold_id = h.id WHERE r.id = ?", redemptionId, String.class);
    }

    private <T> T single(String query, String arg, Class<T> type) {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, arg);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, type);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

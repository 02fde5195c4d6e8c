package org.timeledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** The ledger's routes through the real server: transfers, entries, reversals, statements, reconciliation. */
public abstract class LedgerApiTests extends ServiceTest {
    @Inject
    TestClock clock;

    @Test
    void issuingAndGivingMovesCreditsAndRecordsWhoDidIt() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();

        issue(scheme, ada, 180);
        Api.Reply gift = admin.post("/v1/schemes/" + code + "/transfers",
                object("fromAccountId", ada, "toAccountId", bob, "amountMinutes", 60, "type", "GIFT",
                        "memo", "thanks for the gardening"), "Idempotency-Key", newKey());

        assertThat(gift.status()).isEqualTo(201);
        assertThat(gift.header("Location")).contains("/v1/entries/" + gift.field("id"));
        assertThat(gift.field("type")).isEqualTo("GIFT");
        assertThat(gift.field("actor")).as("the acting user, by id").isEqualTo(adminId()).startsWith("usr_");
        assertThat(gift.field("memo")).isEqualTo("thanks for the gardening");
        assertThat(gift.json().get("postings")).hasSize(2);
        assertThat(gift.json().get("postings").get(0).get("accountId").asText()).isEqualTo(ada);
        assertThat(gift.json().get("postings").get(0).get("amountMinutes").asLong()).isEqualTo(-60);
        assertThat(gift.json().get("postings").get(1).get("amountMinutes").asLong()).isEqualTo(60);
        assertThat(balance(ada)).isEqualTo(120);
        assertThat(balance(bob)).isEqualTo(60);
        assertThat(balance(scheme.get("issuanceAccountId").asText())).isEqualTo(-180);

        Api.Reply fetched = admin.get("/v1/entries/" + gift.field("id"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(gift.json());
    }

    @Test
    void accountShowsBalanceHeldAvailableAndFloor() {
        JsonNode scheme = createScheme("memberFloorMinutes", -600);
        String code = scheme.get("code").asText();
        JsonNode member = registerMember(code, "Ada");
        issue(scheme, member.get("accountId").asText(), 90);

        Api.Reply account = admin.get("/v1/accounts/" + member.get("accountId").asText());

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json()).isEqualTo(Api.JSON.valueToTree(Map.of(
                "id", member.get("accountId").asText(), "schemeCode", code, "kind", "MEMBER",
                "ownerId", member.get("id").asText(), "balanceMinutes", 90, "heldMinutes", 0,
                "availableMinutes", 90, "floorMinutes", -600)));
        Api.Reply issuance = admin.get("/v1/accounts/" + scheme.get("issuanceAccountId").asText());
        assertThat(issuance.field("kind")).isEqualTo("ISSUANCE");
        assertThat(issuance.json().has("floorMinutes")).as("ISSUANCE has no floor").isFalse();
        assertThat(admin.get("/v1/accounts/acc_nothing").status()).isEqualTo(404);
    }

    @Test
    void mutualCreditMembersMayGoIntoDebtDownToTheFloorAndNoFurther() {
        JsonNode scheme = createScheme("memberFloorMinutes", -600);
        String code = scheme.get("code").asText();
        String helped = registerMember(code, "Helped").get("accountId").asText();
        String helper = registerMember(code, "Helper").get("accountId").asText();

        assertThat(transfer(code, helped, helper, 600, "EXCHANGE").status()).isEqualTo(201);
        Api.Reply oneMore = transfer(code, helped, helper, 1, "EXCHANGE");

        assertThat(balance(helped)).isEqualTo(-600);
        assertThat(oneMore.status()).isEqualTo(422);
        assertThat(oneMore.code()).isEqualTo("insufficient_credits");
        assertThat(balance(helper)).isEqualTo(600);
    }

    @Test
    void donationsGoToOrganisationsOrThePotAndGrantsComeFromThePot() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String pot = scheme.get("communityPotAccountId").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        String group = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club"))
                .field("accountId");
        issue(scheme, ada, 300);

        assertThat(transfer(code, ada, pot, 120, "DONATION").status()).isEqualTo(201);
        assertThat(transfer(code, ada, group, 60, "DONATION").status()).isEqualTo(201);
        assertThat(transfer(code, pot, bob, 90, "GRANT").status()).isEqualTo(201);

        assertThat(balance(ada)).isEqualTo(120);
        assertThat(balance(pot)).isEqualTo(30);
        assertThat(balance(group)).isEqualTo(60);
        assertThat(balance(bob)).isEqualTo(90);
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void theSameKeyAndRequestReplaysTheOriginalAnswer() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String key = newKey();
        Map<String, Object> body = object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", ada, "amountMinutes", 60, "type", "ADJUSTMENT", "memo", "opening");

        Api.Reply first = admin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);
        Api.Reply again = admin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(balance(ada)).as("credited once").isEqualTo(60);

        Map<String, Object> changed = new java.util.LinkedHashMap<>(body);
        changed.put("amountMinutes", 61);
        Api.Reply reused = admin.post("/v1/schemes/" + code + "/transfers", changed, "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        assertThat(balance(ada)).isEqualTo(60);
    }

    /**
     * Issue 5 changed this: a refusal used to leave no record (a retry was judged afresh); now a
     * retry gets the original refusal, so a late retry cannot move credits the sender gave up on.
     */
    @Test
    void aRetryOfARefusedRequestGetsTheSameRefusalButABusyServiceIsRetriedAfresh() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        String key = newKey();
        Map<String, Object> gift = object("fromAccountId", ada, "toAccountId", bob, "amountMinutes", 30, "type", "GIFT");

        Api.Reply refused = admin.post("/v1/schemes/" + code + "/transfers", gift, "Idempotency-Key", key);
        issue(scheme, ada, 30);
        Api.Reply retried = admin.post("/v1/schemes/" + code + "/transfers", gift, "Idempotency-Key", key);
        Api.Reply unreadable = admin.post("/v1/schemes/" + code + "/transfers", "{not json", "Idempotency-Key", key);

        assertThat(refused.code()).isEqualTo("insufficient_credits");
        assertThat(retried.status()).isEqualTo(422);
        assertThat(retried.code()).isEqualTo("insufficient_credits");
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(unreadable.status()).as("a body the service could not read never reached the key").isEqualTo(400);
        assertThat(balance(bob)).isZero();
        assertThat(admin.post("/v1/schemes/" + code + "/transfers", gift, "Idempotency-Key", newKey()).status()).isEqualTo(201);
    }

    @Test
    void anAccountsBalanceAsItStoodAtAMoment() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        Instant before = clock.instant().minusSeconds(1);
        Instant first = Instant.parse(issue(scheme, ada, 30).get("postedAt").asText());
        clock.advance(Duration.ofSeconds(1)); // so the second entry is posted later than the first, never in the same instant
        issue(scheme, ada, 20);

        assertThat(admin.get("/v1/accounts/" + ada + "/balance?asOf=" + before).number("balanceMinutes")).isZero();
        assertThat(admin.get("/v1/accounts/" + ada + "/balance?asOf=" + first).number("balanceMinutes")).isEqualTo(30);
        assertThat(admin.get("/v1/accounts/" + ada + "/balance").number("balanceMinutes")).isEqualTo(50);
        assertThat(admin.get("/v1/accounts/" + ada + "/balance?asOf=last-year").status()).isEqualTo(400);
        assertThat(admin.get("/v1/accounts/" + ada + "/balance?asOf=%2B1000000000-01-01T00:00:00Z").status()).isEqualTo(400);
    }

    @Test
    void idempotencyKeysAreScopedToTheCaller() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        Api otherAdmin = staff(code, "ADMIN");
        String key = newKey();
        Map<String, Object> body = object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", ada, "amountMinutes", 60, "type", "ADJUSTMENT");

        Api.Reply mine = admin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);
        Api.Reply theirs = otherAdmin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.field("id")).isNotEqualTo(mine.field("id"));
        assertThat(theirs.field("actor")).isEqualTo(otherAdmin.claim("uid"));
        assertThat(balance(ada)).isEqualTo(120);
    }

    @Test
    void aReversalNegatesTheEntryOnceAndLinksBothWays() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        issue(scheme, ada, 100);
        String giftId = transfer(code, ada, bob, 40, "GIFT").field("id");

        Api.Reply reversal = admin.post("/v1/entries/" + giftId + "/reversal", object("reason", "logged twice"),
                "Idempotency-Key", newKey());

        assertThat(reversal.status()).isEqualTo(201);
        assertThat(reversal.field("type")).isEqualTo("REVERSAL");
        assertThat(reversal.field("reversesEntryId")).isEqualTo(giftId);
        assertThat(reversal.field("memo")).isEqualTo("logged twice");
        assertThat(balance(ada)).isEqualTo(100);
        assertThat(balance(bob)).isEqualTo(0);
        assertThat(admin.get("/v1/entries/" + giftId).field("reversedByEntryId")).isEqualTo(reversal.field("id"));

        Api.Reply twice = admin.post("/v1/entries/" + giftId + "/reversal", object("reason", "again"),
                "Idempotency-Key", newKey());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("already_reversed");
        assertThat(twice.field("detail")).contains(reversal.field("id"));

        Api.Reply ofReversal = admin.post("/v1/entries/" + reversal.field("id") + "/reversal",
                object("reason", "undo the undo"), "Idempotency-Key", newKey());
        assertThat(ofReversal.status()).isEqualTo(422);
        assertThat(ofReversal.code()).isEqualTo("reversal_not_reversible");
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aReversalThatWouldTakeAnAccountBelowItsFloorIsRefused() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        String carol = registerMember(code, "Carol").get("accountId").asText();
        issue(scheme, ada, 60);
        String giftId = transfer(code, ada, bob, 60, "GIFT").field("id");
        transfer(code, bob, carol, 60, "GIFT");

        Api.Reply reversal = admin.post("/v1/entries/" + giftId + "/reversal", object("reason", "mistake"),
                "Idempotency-Key", newKey());

        assertThat(reversal.status()).isEqualTo(422);
        assertThat(reversal.code()).isEqualTo("insufficient_credits");
        assertThat(balance(bob)).isEqualTo(0);
        assertThat(admin.get("/v1/entries/" + giftId).json().has("reversedByEntryId")).isFalse();
    }

    @Test
    void theStatementListsPostingsNewestFirstPageByPage() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        issue(scheme, ada, 100);
        for (int i = 1; i <= 4; i++) {
            expect(transfer(code, ada, bob, i, "GIFT"), 201);
        }

        List<JsonNode> lines = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = admin.get("/v1/accounts/" + ada + "/postings?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(lines::add);
            cursor = page.field("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(lines).extracting(l -> l.get("amountMinutes").asLong()).containsExactly(-4L, -3L, -2L, -1L, 100L);
        assertThat(lines).extracting(l -> l.get("balanceAfterMinutes").asLong()).containsExactly(90L, 94L, 97L, 99L, 100L);
        assertThat(lines.get(4).get("type").asText()).isEqualTo("ADJUSTMENT");
        assertThat(admin.get("/v1/accounts/" + ada + "/postings?cursor=not-a-cursor").code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/accounts/" + ada + "/postings?limit=0").code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/accounts/" + ada + "/postings?limit=201").code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/accounts/acc_none/postings").status()).isEqualTo(404);
    }

    @Test
    void reconciliationOfAFreshAndOfABusySchemeIsBalanced() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode empty = reconcile(code);
        assertThat(empty.get("balanced").asBoolean()).isTrue();
        assertThat(empty.get("accountsChecked").asLong()).isEqualTo(2);
        assertThat(empty.get("entriesChecked").asLong()).isZero();

        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        issue(scheme, ada, 100);
        transfer(code, ada, bob, 30, "GIFT");
        JsonNode busy = reconcile(code);

        assertThat(busy.get("balanced").asBoolean()).isTrue();
        assertThat(busy.get("sumMinutes").asLong()).isZero();
        assertThat(busy.get("accountsChecked").asLong()).isEqualTo(4);
        assertThat(busy.get("entriesChecked").asLong()).isEqualTo(2);
        assertThat(busy.get("postingsChecked").asLong()).isEqualTo(4);
        assertThat(busy.get("mismatches")).isEmpty();
        assertThat(admin.get("/v1/schemes/nope/reconciliation").status()).isEqualTo(404);
    }

    @Test
    void anAccountOfAnotherSchemeCannotBeReachedThroughThisOne() {
        JsonNode first = createScheme();
        JsonNode second = createScheme();
        String ada = registerMember(first.get("code").asText(), "Ada").get("accountId").asText();
        String bob = registerMember(second.get("code").asText(), "Bob").get("accountId").asText();
        issue(first, ada, 60);

        Api.Reply across = transfer(first.get("code").asText(), ada, bob, 10, "GIFT");

        assertThat(across.status()).isEqualTo(422);
        assertThat(across.code()).isEqualTo("account_not_found");
        assertThat(balance(ada)).isEqualTo(60);
    }

    @Test
    void unreadableRequestsAreRefusedWithAReason() {
        String code = createScheme().get("code").asText();
        String path = "/v1/schemes/" + code + "/transfers";

        Api.Reply broken = admin.post(path, "{\"fromAccountId\":", "Idempotency-Key", newKey());
        Api.Reply fraction = admin.post(path, "{\"fromAccountId\":\"a\",\"toAccountId\":\"b\",\"amountMinutes\":1.5,\"type\":\"GIFT\"}",
                "Idempotency-Key", newKey());
        Api.Reply huge = admin.post(path, "{\"fromAccountId\":\"a\",\"toAccountId\":\"b\",\"amountMinutes\":99999999999999999999,\"type\":\"GIFT\"}",
                "Idempotency-Key", newKey());
        Api.Reply words = admin.post(path, "{\"fromAccountId\":\"a\",\"toAccountId\":\"b\",\"amountMinutes\":\"lots\",\"type\":\"GIFT\"}",
                "Idempotency-Key", newKey());
        Api.Reply unknownType = admin.post(path, object("fromAccountId", "a", "toAccountId", "b", "amountMinutes", 5, "type", "STEAL"),
                "Idempotency-Key", newKey());
        Api.Reply unknownField = admin.post(path, object("fromAccountId", "a", "toAccountId", "b", "amountMinutes", 5, "type", "GIFT",
                "amountHours", 1), "Idempotency-Key", newKey());
        Api.Reply missing = admin.post(path, object("fromAccountId", "a", "type", "GIFT"), "Idempotency-Key", newKey());
        Api.Reply textPlain = admin.post(path, "hello", "Idempotency-Key", newKey(), "Content-Type", "text/plain");

        for (Api.Reply reply : List.of(broken, fraction, huge, words, unknownType, unknownField, missing)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).as(reply.toString()).isEqualTo("validation_failed");
            assertThat(reply.header("Content-Type")).contains("application/problem+json");
            assertThat(reply.field("detail")).as(reply.toString()).doesNotContain("org.timeledger", "java.lang", "Exception");
        }
        assertThat(broken.field("detail")).contains("not valid JSON");
        assertThat(fraction.field("detail")).contains("whole number");
        assertThat(unknownType.field("detail")).contains("GIFT", "STEAL");
        assertThat(unknownField.field("detail")).contains("amountHours");
        assertThat(missing.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("amountMinutes", "toAccountId");
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.code()).isEqualTo("unsupported_media_type");
    }

    @Test
    void theNulCharacterIsRefusedWhereverItIsSent() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        issue(scheme, ada, 60);
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1:a\u0000b".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<Api.Reply> replies = List.of(
                admin.post("/v1/schemes", "{\"code\":\"nul-" + database.kind() + "\",\"name\":\"a\\u0000b\"}"),
                admin.post("/v1/schemes/" + code + "/members", "{\"displayName\":\"Ada\\u0000\"}"),
                admin.post("/v1/schemes/" + code + "/transfers", "{\"fromAccountId\":\"" + ada + "\",\"toAccountId\":\""
                        + scheme.get("communityPotAccountId").asText() + "\",\"amountMinutes\":5,\"type\":\"DONATION\","
                        + "\"memo\":\"x\\u0000y\"}", "Idempotency-Key", newKey()),
                anonymous.post("/login", "{\"username\":\"ad\\u0000min\",\"password\":\"" + ADMIN_PASSWORD + "\"}"),
                admin.get("/v1/schemes/a%00b"),
                admin.get("/v1/accounts/" + ada + "%00"),
                admin.get("/v1/schemes/" + code + "/members?cursor=" + cursor),
                admin.get("/v1/accounts/" + ada + "/postings?cursor=%00"));

        for (Api.Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
        }
        assertThat(balance(ada)).isEqualTo(60);
    }

    @Test
    void aTransferWithAFieldOfTheWrongJsonTypeIsRefusedAndMovesNothing() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String account = registerMember(code, "Ada").get("accountId").asText();
        String issuance = scheme.get("issuanceAccountId").asText();
        String valid = "{\"fromAccountId\":\"" + issuance + "\",\"toAccountId\":\"" + account + "\",";

        // each was once read as what it resembles: "60" as 60, ["memo"] as "memo", a lone surrogate as '?'
        for (String wrong : List.of("\"amountMinutes\":\"60\",\"type\":\"ADJUSTMENT\"}",
                "\"amountMinutes\":60,\"type\":\"ADJUSTMENT\",\"memo\":[\"memo\"]}",
                "\"amountMinutes\":60,\"type\":\"ADJUSTMENT\",\"memo\":7}",
                "\"amountMinutes\":60,\"type\":\"ADJUSTMENT\",\"memo\":\"a\\ud800b\"}")) {
            Api.Reply refused = admin.post("/v1/schemes/" + code + "/transfers", valid + wrong, "Idempotency-Key", newKey());

            assertThat(refused.status()).as(wrong).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(balance(account)).isZero();
    }
}

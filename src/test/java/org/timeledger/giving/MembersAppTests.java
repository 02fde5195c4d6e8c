package org.timeledger.giving;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** The members' app: balance with ETag, statement, gifts and donations. */
public abstract class MembersAppTests extends ServiceTest {

    @Test
    void meShowsTheMemberTheirSchemeAndTheirAccount() {
        JsonNode scheme = createScheme("memberFloorMinutes", -60);
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        issue(scheme, ada.accountId(), 90);

        Api.Reply me = ada.api().get("/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("member").get("id").asText()).isEqualTo(ada.memberId());
        assertThat(me.json().get("scheme").get("code").asText()).isEqualTo(scheme.get("code").asText());
        assertThat(me.json().get("account").get("balanceMinutes").asLong()).isEqualTo(90);
        assertThat(me.json().get("account").get("availableMinutes").asLong()).isEqualTo(90);
        assertThat(me.json().get("account").get("floorMinutes").asLong()).isEqualTo(-60);
        assertThat(me.header("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[0-9a-f]{32}\""));
        assertThat(admin.get("/v1/me").status()).as("staff are not members").isEqualTo(403);
    }

    @Test
    void aPhonePollingWithItsETagGets304UntilSomethingChanges() {
        JsonNode scheme = createScheme();
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        String etag = ada.api().get("/v1/me").header("ETag").orElseThrow();

        Api.Reply unchanged = ada.api().get("/v1/me", "If-None-Match", etag);
        Api.Reply weak = ada.api().get("/v1/me", "If-None-Match", "W/" + etag);
        Api.Reply any = ada.api().get("/v1/me", "If-None-Match", "*");
        issue(scheme, ada.accountId(), 30);
        Api.Reply changed = ada.api().get("/v1/me", "If-None-Match", etag);

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).contains(etag);
        assertThat(weak.status()).isEqualTo(304);
        assertThat(any.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(changed.json().get("account").get("balanceMinutes").asLong()).isEqualTo(30);
    }

    @Test
    void aMemberReadsTheirStatementPageByPage() {
        JsonNode scheme = createScheme();
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        for (int i = 1; i <= 3; i++) {
            issue(scheme, ada.accountId(), i);
        }

        Api.Reply first = ada.api().get("/v1/me/postings?limit=2");
        Api.Reply second = ada.api().get("/v1/me/postings?limit=2&cursor=" + first.field("nextCursor"));

        assertThat(first.json().get("items")).extracting(l -> l.get("amountMinutes").asLong()).containsExactly(3L, 2L);
        assertThat(second.json().get("items")).extracting(l -> l.get("amountMinutes").asLong()).containsExactly(1L);
        assertThat(second.field("nextCursor")).isNull();
    }

    @Test
    void aMemberDownloadsTheirStatementAsCsvThatASpreadsheetCannotBeTrickedBy() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        JsonNode bob = registerMember(code, "Bob");
        issue(scheme, ada.accountId(), 100);
        expect(ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 30,
                "memo", "=HYPERLINK(\"http://x\"), thanks"), "Idempotency-Key", newKey()), 201);

        Api.Reply csv = ada.api().get("/v1/me/postings?format=csv");
        Api.Reply byAccept = ada.api().get("/v1/me/postings", "Accept", "text/csv");
        Api.Reply byStaff = admin.get("/v1/accounts/" + ada.accountId() + "/postings?format=csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("postedAt,entryId,type,memo,amountMinutes,balanceAfterMinutes");
        assertThat(lines.get(1)).contains(",GIFT,\"'=HYPERLINK(\"\"http://x\"\"), thanks\",-30,70");
        assertThat(byAccept.body()).isEqualTo(csv.body());
        assertThat(byStaff.body()).isEqualTo(csv.body());
        assertThat(ada.api().get("/v1/me/postings?format=xml").status()).isEqualTo(400);
    }

    @Test
    void aClientThatAcceptsJsonAndCsvAlikeGetsJsonAndOneThatPrefersCsvGetsCsv() {
        JsonNode scheme = createScheme();
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        issue(scheme, ada.accountId(), 100);

        // what a client generated from openapi.yml sends for an operation answering either
        Api.Reply alike = ada.api().get("/v1/me/postings", "Accept", "application/json, text/csv, application/problem+json");
        Api.Reply csvFirst = ada.api().get("/v1/me/postings", "Accept", "text/csv, application/json");
        Api.Reply prefersCsv = ada.api().get("/v1/me/postings", "Accept", "application/json;q=0.5, text/csv");
        Api.Reply statement = admin.get("/v1/accounts/" + ada.accountId() + "/postings", "Accept", "application/json, text/csv");

        assertThat(alike.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(alike.json().get("items")).hasSize(1);
        assertThat(csvFirst.header("Content-Type")).as("the same quality: the order says nothing")
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(prefersCsv.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(statement.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void aMemberGivesByCardNumberOrMemberId() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        JsonNode bob = registerMember(code, "Bob");
        issue(scheme, ada.accountId(), 100);
        String card = bob.get("cardNumber").asText();
        String printed = card.substring(0, 4) + " " + card.substring(4, 8) + "-" + card.substring(8, 12) + " " + card.substring(12);

        Api.Reply byCard = ada.api().post("/v1/me/gifts", object("toCardNumber", printed, "amountMinutes", 30, "memo", "thank you"),
                "Idempotency-Key", newKey());
        Api.Reply byId = ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 20),
                "Idempotency-Key", newKey());

        assertThat(byCard.status()).isEqualTo(201);
        assertThat(byCard.field("type")).isEqualTo("GIFT");
        assertThat(byCard.field("memo")).isEqualTo("thank you");
        assertThat(byId.status()).isEqualTo(201);
        assertThat(balance(bob.get("accountId").asText())).isEqualTo(50);
        assertThat(ada.api().get("/v1/me").json().get("account").get("balanceMinutes").asLong()).isEqualTo(50);
    }

    @Test
    void giftsAreRefusedWithAReasonAPersonUnderstands() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        JsonNode bob = registerMember(code, "Bob");
        issue(scheme, ada.accountId(), 10);
        String card = bob.get("cardNumber").asText();
        String typo = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);

        Api.Reply both = gift(ada, object("toCardNumber", card, "toMemberId", bob.get("id").asText(), "amountMinutes", 1));
        Api.Reply neither = gift(ada, object("amountMinutes", 1));
        Api.Reply mistyped = gift(ada, object("toCardNumber", typo, "amountMinutes", 1));
        Api.Reply unknown = gift(ada, object("toCardNumber", org.timeledger.schemes.CardNumbers.newNumber(), "amountMinutes", 1));
        Api.Reply toSelf = gift(ada, object("toMemberId", ada.memberId(), "amountMinutes", 1));
        Api.Reply tooMuch = gift(ada, object("toMemberId", bob.get("id").asText(), "amountMinutes", 11));
        Api.Reply nothing = gift(ada, object("toMemberId", bob.get("id").asText(), "amountMinutes", 0));

        assertThat(both.code()).isEqualTo("validation_failed");
        assertThat(neither.code()).isEqualTo("validation_failed");
        assertThat(mistyped.code()).isEqualTo("validation_failed");
        assertThat(mistyped.field("detail")).contains("typing mistake");
        assertThat(unknown.code()).isEqualTo("recipient_not_found");
        assertThat(toSelf.code()).isEqualTo("accounts_must_be_different");
        assertThat(tooMuch.code()).isEqualTo("insufficient_credits");
        assertThat(nothing.code()).isEqualTo("amount_must_be_positive");
        assertThat(gift(ada, object("toMemberId", bob.get("id").asText(), "amountMinutes", 1), null).code())
                .isEqualTo("idempotency_key_missing");
        assertThat(balance(ada.accountId())).isEqualTo(10);
    }

    @Test
    void aGiftRepeatedWithItsKeyIsGivenOnce() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        JsonNode bob = registerMember(code, "Bob");
        issue(scheme, ada.accountId(), 100);
        String key = newKey();

        Api.Reply first = ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 40),
                "Idempotency-Key", key);
        Api.Reply again = ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 40),
                "Idempotency-Key", key);

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(balance(bob.get("accountId").asText())).isEqualTo(40);
    }

    @Test
    void aMemberDonatesToAnOrganisationOrThePot() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        JsonNode group = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).json();
        issue(scheme, ada.accountId(), 100);

        Api.Reply toGroup = ada.api().post("/v1/me/donations", object("toOrganisationId", group.get("id").asText(),
                "amountMinutes", 60), "Idempotency-Key", newKey());
        Api.Reply toPot = ada.api().post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 30),
                "Idempotency-Key", newKey());
        List<Api.Reply> refused = List.of(
                ada.api().post("/v1/me/donations", object("amountMinutes", 1), "Idempotency-Key", newKey()),
                ada.api().post("/v1/me/donations", object("toCommunityPot", true, "toOrganisationId", group.get("id").asText(),
                        "amountMinutes", 1), "Idempotency-Key", newKey()),
                ada.api().post("/v1/me/donations", object("toCommunityPot", false, "amountMinutes", 1), "Idempotency-Key", newKey()));
        Api.Reply unknown = ada.api().post("/v1/me/donations", object("toOrganisationId", "org_nowhere", "amountMinutes", 1),
                "Idempotency-Key", newKey());

        assertThat(toGroup.field("type")).isEqualTo("DONATION");
        assertThat(toPot.status()).isEqualTo(201);
        assertThat(balance(group.get("accountId").asText())).isEqualTo(60);
        assertThat(balance(scheme.get("communityPotAccountId").asText())).isEqualTo(30);
        assertThat(refused).allSatisfy(r -> assertThat(r.code()).isEqualTo("validation_failed"));
        assertThat(unknown.code()).isEqualTo("recipient_not_found");
    }

    private Api.Reply gift(MemberLogin from, Object body) {
        return gift(from, body, newKey());
    }

    private Api.Reply gift(MemberLogin from, Object body, String key) {
        return key == null ? from.api().post("/v1/me/gifts", body) : from.api().post("/v1/me/gifts", body, "Idempotency-Key", key);
    }

    @Test
    void aDonationToThePotMustSayTrueNotSomethingLikeIt() {
        JsonNode scheme = createScheme();
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        issue(scheme, ada.accountId(), 120);

        for (String pot : List.of("\"true\"", "1", "\"yes\"")) {
            Api.Reply refused = ada.api().post("/v1/me/donations", "{\"toCommunityPot\":" + pot + ",\"amountMinutes\":60}",
                    "Idempotency-Key", newKey());

            assertThat(refused.status()).as(pot).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(balance(ada.accountId())).isEqualTo(120);
    }
}

package org.timeledger.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Erasure: the person is gone from every answer; their account and entries, and the books, stay whole. */
public abstract class ErasureTests extends ServiceTest {

    @Test
    void anErasedMemberDisappearsFromEveryAnswerWhileTheBooksStillBalance() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Club")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        MemberLogin zora = memberLogin(code, "Zorabella Quackenbush");
        MemberLogin friend = memberLogin(code, "Friend");
        String activity = admin.post("/v1/schemes/" + code + "/activities", object("memberId", zora.memberId(), "organisationId",
                organisation, "date", LocalDate.now(ZoneId.of("Europe/London")).toString(), "minutes", 120,
                "categoryCode", "shopping"), "Idempotency-Key", newKey()).field("id");
        expect(admin.post("/v1/activities/" + activity + "/approval", null, "Idempotency-Key", newKey()), 200);
        expect(zora.api().post("/v1/me/beneficiaries", object("cardNumber", friend.cardNumber())), 201);
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).field("id");
        Api till = till(partner);
        expect(till.post("/v1/redemptions", object("cardNumber", zora.cardNumber(), "amountMinutes", 20, "tillReference", "r",
                "capture", true), "Idempotency-Key", newKey()), 201);

        Api.Reply erased = admin.send("DELETE", "/v1/members/" + zora.memberId() + "/personal-data", null,
                "Idempotency-Key", newKey());

        expect(erased, 200);
        assertThat(erased.number("donatedMinutes")).isEqualTo(100);
        assertThat(admin.get("/v1/entries/" + erased.field("donationEntryId")).field("type")).isEqualTo("DONATION");
        assertThat(balance(zora.accountId())).isZero();
        assertThat(balance(scheme.get("communityPotAccountId").asText())).isEqualTo(100);
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
        List<String> answers = List.of(
                admin.get("/v1/members/" + zora.memberId()).body(),
                admin.get("/v1/schemes/" + code + "/members").body(),
                admin.get("/v1/schemes/" + code + "/activities").body(),
                admin.get("/v1/activities/" + activity).body(),
                admin.get("/v1/schemes/" + code + "/reports/summary").body(),
                admin.get("/v1/schemes/" + code + "/export/journal").body(),
                till.get("/v1/partners/" + partner + "/redemptions").body(),
                admin.get("/v1/members/" + zora.memberId() + "/vetting").body());
        for (String answer : answers) {
            assertThat(answer).doesNotContain("Zorabella").doesNotContain("Quackenbush");
        }
        assertThat(admin.get("/v1/members/" + zora.memberId()).field("displayName")).startsWith("Erased member ");
        assertThat(till.get("/v1/cards/" + zora.cardNumber()).status()).as("the card is blocked").isEqualTo(404);
        assertThat(anonymous.post("/login", object("username", zora.username(), "password", zora.password())).status())
                .isEqualTo(401);
        assertThat(zora.api().get("/v1/me").status()).as("signed-in sessions end at once").isEqualTo(401);
        assertThat(till.get("/v1/cards/" + friend.cardNumber()).json().get("accounts")).as("no longer a benefactor").hasSize(1);
        JsonNode letter = registerMember(code, "Yolanda Unactivated"); // her welcome letter's code, never used
        expect(admin.send("DELETE", "/v1/members/" + letter.get("id").asText() + "/personal-data", null,
                "Idempotency-Key", newKey()), 200);
        assertThat(anonymous.post("/v1/activation", object("code", letter.get("activationCode").asText(), "username",
                "back-again", "password", "long-enough-password")).status()).as("an old activation code opens no login")
                .isEqualTo(422);
        for (String refused : new String[] {"activation-code", "card/replacement", "deactivation", "reactivation"}) {
            Api.Reply reply = admin.post("/v1/members/" + zora.memberId() + "/" + refused,
                    refused.equals("deactivation") ? object("reason", "Moved") : null);
            assertThat(reply.status()).as(refused + ": a conflict with the record's state").isEqualTo(409);
            assertThat(reply.code()).as(refused).isEqualTo("member_erased");
            assertThat(reply.json().get("detail").asText()).as(refused).doesNotContain(zora.memberId());
        }
        assertThat(admin.get("/v1/accounts/" + zora.accountId() + "/postings").json().get("items")).as("entries stay").hasSize(3);
    }

    @Test
    void theBalanceCanBeKeptAndErasingAgainChangesNothing() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 50);
        String path = "/v1/members/" + ada.get("id").asText() + "/personal-data?keepBalance=true";

        Api.Reply first = admin.send("DELETE", path, null, "Idempotency-Key", newKey());
        Api.Reply again = admin.send("DELETE", path, null, "Idempotency-Key", newKey());

        expect(first, 200);
        assertThat(first.number("donatedMinutes")).isZero();
        assertThat(again.field("displayName")).isEqualTo(first.field("displayName"));
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(50);
        assertThat(staff(code, "COORDINATOR", admin.post("/v1/schemes/" + code + "/organisations", object("name", "C")).field("id"))
                .send("DELETE", path, null, "Idempotency-Key", newKey()).status()).isEqualTo(403);
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void keepBalanceIsTrueOrFalseAndAnythingElseErasesNothing() {
        String code = createScheme().get("code").asText();
        JsonNode ada = registerMember(code, "Ada Lovelace");

        Api.Reply refused = admin.send("DELETE", "/v1/members/" + ada.get("id").asText() + "/personal-data?keepBalance=ture",
                null, "Idempotency-Key", newKey());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/members/" + ada.get("id").asText()).field("displayName")).isEqualTo("Ada Lovelace");
    }
}

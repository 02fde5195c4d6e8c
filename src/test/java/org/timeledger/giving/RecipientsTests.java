package org.timeledger.giving;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A member about to give by card number is shown whose card it is: the first name only. */
public abstract class RecipientsTests extends ServiceTest {

    @Test
    void aMemberSeesTheFirstNameOfTheCardsHolderAndNothingElse() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        JsonNode bea = registerMember(code, "Bea Okafor");
        String card = bea.get("cardNumber").asText();

        Api.Reply found = ada.api().get("/v1/me/recipients/" + card.substring(0, 4) + "%20" + card.substring(4, 8) + "-" + card.substring(8));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("firstName").asText()).isEqualTo("Bea");
        assertThat(found.json().size()).as("the first name alone").isEqualTo(1);
        assertThat(balance(ada.accountId())).isZero();
    }

    @Test
    void aMistypedNumberTheMembersOwnCardAndAnotherSchemesCardAreRefused() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada Lovelace");
        String card = registerMember(code, "Bea Okafor").get("cardNumber").asText();
        String mistyped = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        String elsewhere = registerMember(createScheme().get("code").asText(), "Cal Jones").get("cardNumber").asText();

        Api.Reply typo = ada.api().get("/v1/me/recipients/" + mistyped);
        Api.Reply own = ada.api().get("/v1/me/recipients/" + ada.cardNumber());
        Api.Reply other = ada.api().get("/v1/me/recipients/" + elsewhere);
        Api.Reply replaced = ada.api().get("/v1/me/recipients/" + replacedCard(code));

        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.code()).isEqualTo("validation_failed");
        assertThat(typo.json().get("errors").get(0).get("field").asText()).isEqualTo("cardNumber");
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.field("detail")).contains("your own card");
        assertThat(other.status()).as("a card of another scheme is nobody's here").isEqualTo(422);
        assertThat(other.code()).isEqualTo("recipient_not_found");
        assertThat(other.field("detail")).doesNotContain("Cal");
        assertThat(replaced.status()).as("a card replaced as lost names nobody").isEqualTo(422);
    }

    @Test
    void onlyMembersMayLookUpACard() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String card = registerMember(code, "Bea Okafor").get("cardNumber").asText();

        assertThat(admin.get("/v1/me/recipients/" + card).status()).isEqualTo(403);
        assertThat(staff(code, "AUDITOR").get("/v1/me/recipients/" + card).status()).isEqualTo(403);
        assertThat(anonymous.get("/v1/me/recipients/" + card).status()).isEqualTo(401);
    }

    /** The old number of a card replaced after being reported lost. */
    private String replacedCard(String code) {
        MemberLogin dan = memberLogin(code, "Dan Reyes");
        expect(dan.api().post("/v1/me/card/replacement", null), 201);
        return dan.cardNumber();
    }
}

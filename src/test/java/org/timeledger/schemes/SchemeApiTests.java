package org.timeledger.schemes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Schemes, members, organisations and partners through the real server. */
public abstract class SchemeApiTests extends ServiceTest {

    @Test
    void aNewSchemeHasItsRulesAndItsSystemAccounts() {
        Api.Reply created = admin.post("/v1/schemes", object("code", "castlehaven-" + database.kind(),
                "name", "Castlehaven Timebank", "memberFloorMinutes", -600, "holdMinutes", 20));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/v1/schemes/castlehaven-" + database.kind());
        assertThat(created.field("name")).isEqualTo("Castlehaven Timebank");
        assertThat(created.number("memberFloorMinutes")).isEqualTo(-600);
        assertThat(created.number("holdMinutes")).isEqualTo(20);
        JsonNode issuance = admin.get("/v1/accounts/" + created.field("issuanceAccountId")).json();
        JsonNode pot = admin.get("/v1/accounts/" + created.field("communityPotAccountId")).json();
        assertThat(issuance.get("kind").asText()).isEqualTo("ISSUANCE");
        assertThat(pot.get("kind").asText()).isEqualTo("COMMUNITY_POT");
        assertThat(pot.get("floorMinutes").asLong()).isZero();

        Api.Reply fetched = admin.get("/v1/schemes/castlehaven-" + database.kind());
        assertThat(fetched.json()).isEqualTo(created.json());
    }

    @Test
    void schemeDefaultsAreAZeroFloorAndFifteenMinuteHolds() {
        JsonNode scheme = createScheme();
        assertThat(scheme.get("memberFloorMinutes").asLong()).isZero();
        assertThat(scheme.get("holdMinutes").asInt()).isEqualTo(15);
    }

    @Test
    void schemeCodesAreUniqueAndWellFormed() {
        String code = createScheme().get("code").asText();

        Api.Reply duplicate = admin.post("/v1/schemes", object("code", code, "name", "Again"));
        Api.Reply badCode = admin.post("/v1/schemes", object("code", "Castle Haven", "name", "x"));
        Api.Reply positiveFloor = admin.post("/v1/schemes", object("code", "ok-code", "name", "x", "memberFloorMinutes", 60));
        Api.Reply longHold = admin.post("/v1/schemes", object("code", "ok-code", "name", "x", "holdMinutes", 20_000));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("scheme_code_taken");
        for (Api.Reply reply : List.of(badCode, positiveFloor, longHold)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
        }
        assertThat(badCode.json().get("errors").get(0).get("field").asText()).isEqualTo("code");
        assertThat(positiveFloor.json().get("errors").get(0).get("field").asText()).isEqualTo("memberFloorMinutes");
        assertThat(admin.get("/v1/schemes/no-such-scheme").status()).isEqualTo(404);
    }

    @Test
    void aMemberGetsAnAccountWithTheSchemeFloorAndAPrintableCardNumber() {
        String code = createScheme("memberFloorMinutes", -120).get("code").asText();

        Api.Reply member = admin.post("/v1/schemes/" + code + "/members", object("displayName", " Ada Lovelace ", "ward", "Camden Town"));

        assertThat(member.status()).isEqualTo(201);
        assertThat(member.header("Location")).contains("/v1/members/" + member.field("id"));
        assertThat(member.field("displayName")).isEqualTo("Ada Lovelace");
        assertThat(member.field("ward")).isEqualTo("Camden Town");
        assertThat(member.field("cardNumber")).matches("[1-9][0-9]{15}");
        assertThat(CardNumbers.isValid(member.field("cardNumber"))).isTrue();
        assertThat(member.field("id")).startsWith("mem_").doesNotContainPattern("^mem_[0-9]+$");
        JsonNode account = admin.get("/v1/accounts/" + member.field("accountId")).json();
        assertThat(account.get("kind").asText()).isEqualTo("MEMBER");
        assertThat(account.get("ownerId").asText()).isEqualTo(member.field("id"));
        assertThat(account.get("floorMinutes").asLong()).isEqualTo(-120);
        assertThat(member.field("activationCode")).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        var registered = (com.fasterxml.jackson.databind.node.ObjectNode) member.json().deepCopy();
        registered.remove(List.of("activationCode", "activationCodeExpiresAt"));
        assertThat(admin.get("/v1/members/" + member.field("id")).json()).as("the member, without the activation code")
                .isEqualTo(registered);
    }

    @Test
    void membersAreRefusedWithoutANameAndForUnknownSchemes() {
        String code = createScheme().get("code").asText();
        Api.Reply blank = admin.post("/v1/schemes/" + code + "/members", object("displayName", "  "));
        Api.Reply tooLong = admin.post("/v1/schemes/" + code + "/members", object("displayName", "x".repeat(201)));
        Api.Reply noScheme = admin.post("/v1/schemes/nowhere/members", object("displayName", "Ada"));

        assertThat(blank.code()).isEqualTo("validation_failed");
        assertThat(tooLong.code()).isEqualTo("validation_failed");
        assertThat(noScheme.status()).isEqualTo(404);
        assertThat(admin.get("/v1/members/mem_unknown").status()).isEqualTo(404);
    }

    @Test
    void theMemberListPagesThroughEveryMemberOnceInRegistrationOrder() {
        String code = createScheme().get("code").asText();
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(registerMember(code, "Member " + i).get("id").asText());
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = admin.get("/v1/schemes/" + code + "/members?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(3);
            listed.addAll(Api.ids(page.json().get("items"), "id"));
            cursor = page.field("nextCursor");
        } while (cursor != null);

        assertThat(listed).containsExactlyElementsOf(registered);
        assertThat(admin.get("/v1/schemes/" + code + "/members").json().get("items")).hasSize(7);
        assertThat(admin.get("/v1/schemes/nowhere/members").status()).isEqualTo(404);
        assertThat(admin.get("/v1/schemes/" + code + "/members?cursor=%25%25").code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/schemes/" + code + "/members?limit=abc").code()).isEqualTo("validation_failed");
    }

    @Test
    void cardNumbersAreUnique() {
        String code = createScheme().get("code").asText();
        var cards = new HashSet<String>();
        for (int i = 0; i < 50; i++) {
            cards.add(registerMember(code, "M" + i).get("cardNumber").asText());
        }
        assertThat(cards).hasSize(50);
    }

    @Test
    void organisationsAndPartnersHaveAccountsOfTheirKind() {
        String code = createScheme().get("code").asText();

        Api.Reply organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club", "ward", "Kentish Town"));
        Api.Reply partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis Leisure Centre"));

        assertThat(organisation.status()).isEqualTo(201);
        assertThat(organisation.header("Location")).contains("/v1/organisations/" + organisation.field("id"));
        assertThat(partner.status()).isEqualTo(201);
        assertThat(partner.header("Location")).contains("/v1/partners/" + partner.field("id"));
        assertThat(partner.json().has("ward")).isFalse();
        assertThat(admin.get("/v1/accounts/" + organisation.field("accountId")).field("kind")).isEqualTo("ORGANISATION");
        assertThat(admin.get("/v1/accounts/" + partner.field("accountId")).field("kind")).isEqualTo("PARTNER");
        assertThat(admin.get("/v1/organisations/" + organisation.field("id")).json()).isEqualTo(organisation.json());
        assertThat(admin.get("/v1/partners/" + partner.field("id")).json()).isEqualTo(partner.json());
        assertThat(admin.get("/v1/organisations/org_unknown").status()).isEqualTo(404);
        assertThat(admin.get("/v1/partners/prt_unknown").status()).isEqualTo(404);
        assertThat(admin.post("/v1/schemes/" + code + "/partners", object("ward", "x")).code()).isEqualTo("validation_failed");
        assertThat(admin.post("/v1/schemes/nowhere/organisations", object("name", "x")).status()).isEqualTo(404);
    }

    @Test
    void aNameMustBeJsonTextNotSomethingThatLooksLikeIt() {
        String code = createScheme().get("code").asText();

        for (String name : List.of("[\"Ada\"]", "42", "true", "\"Ada \\udc00\"")) {
            Api.Reply refused = admin.post("/v1/schemes/" + code + "/members", "{\"displayName\":" + name + "}");

            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(admin.get("/v1/schemes/" + code + "/members").json().get("items")).isEmpty();
    }
}

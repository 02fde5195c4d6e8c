package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.World;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * A field sent as JSON null is not a field left out: where the contract does not call it
 * nullable it is refused with 400 naming it, and nothing happens. And every refused field is
 * named as the request names it (its JSON property and, in a list, its index), not as the code
 * calls it. ApiFuzzTests sends null to every property of every request; these are the cases
 * that were taken as "left out" before, with what would have happened.
 */
public abstract class StrictFieldsTests extends ServiceTest {
    private World world;

    @BeforeAll
    void buildTheWorld() {
        world = new World(this);
    }

    /** A 400 validation_failed naming exactly these fields. */
    private static void refusedNaming(Api.Reply reply, String... fields) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        List<String> named = new ArrayList<>();
        reply.json().path("errors").forEach(e -> named.add(e.path("field").asText()));
        assertThat(named).as(reply.toString()).containsExactly(fields);
        assertThat(reply.json().get("detail").asText()).as(reply.toString()).doesNotContain("org.timeledger")
                .doesNotContain("io.micronaut").doesNotContain("<list element>");
    }

    @Test
    void aCaptureOfNullMinutesIsRefusedAndTheHoldStaysAsItWas() {
        Api.Reply held = world.client("PARTNER").post("/v1/redemptions", object("cardNumber", world.memberCard(),
                "amountMinutes", 30, "tillReference", "null-capture"), "Idempotency-Key", newKey());
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String hold = held.field("id");
        long before = balance(world.member.accountId());

        Api.Reply capture = world.client("PARTNER").post("/v1/redemptions/" + hold + "/capture",
                "{\"amountMinutes\":null}", "Idempotency-Key", newKey());

        refusedNaming(capture, "amountMinutes");
        assertThat(capture.json().get("errors").get(0).get("message").asText()).contains("may not be null");
        assertThat(world.client("PARTNER").get("/v1/redemptions/" + hold).field("status")).isEqualTo("HELD");
        assertThat(balance(world.member.accountId())).isEqualTo(before);
    }

    /**
     * A body of null where the body is optional is no body: a client generated from openapi.yml
     * sends exactly that for a capture given no amount, and means all of the hold.
     */
    @Test
    void aCaptureWhoseWholeBodyIsNullIsACaptureWithNoBody() {
        String hold = world.client("PARTNER").post("/v1/redemptions", object("cardNumber", world.memberCard(),
                "amountMinutes", 30, "tillReference", "null-body"), "Idempotency-Key", newKey()).field("id");

        Api.Reply capture = world.client("PARTNER").post("/v1/redemptions/" + hold + "/capture", "null",
                "Idempotency-Key", newKey());

        assertThat(capture.status()).as(capture.toString()).isEqualTo(200);
        assertThat(capture.json().get("capturedMinutes").asLong()).isEqualTo(30);
    }

    @Test
    void aWholeBodyOfNullIsRefusedWhereABodyIsRequired() {
        String hold = world.client("PARTNER").post("/v1/redemptions", object("cardNumber", world.memberCard(),
                "amountMinutes", 30, "tillReference", "null-refund"), "Idempotency-Key", newKey()).field("id");

        Api.Reply refund = world.client("PARTNER").post("/v1/redemptions/" + hold + "/refunds", "null",
                "Idempotency-Key", newKey());

        assertThat(refund.status()).as(refund.toString()).isEqualTo(400);
        assertThat(refund.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void anOfferChangedWithNullsIsRefusedAndStaysAsItWas() {
        String offer = admin.post("/v1/partners/" + world.partnerId + "/offers", object("title", "Swim", "amountMinutes", 30,
                "weeklyQuota", 5)).field("id");

        refusedNaming(admin.send("PATCH", "/v1/offers/" + offer, "{\"weeklyQuota\":null}"), "weeklyQuota");
        refusedNaming(admin.send("PATCH", "/v1/offers/" + offer, "{\"active\":null}"), "active");
        refusedNaming(admin.send("PATCH", "/v1/offers/" + offer, "{\"title\":null}"), "title");
        refusedNaming(admin.send("PATCH", "/v1/offers/" + offer, "{\"title\":null,\"amountMinutes\":null}"),
                "amountMinutes", "title");

        JsonNode after = admin.get("/v1/partners/" + world.partnerId + "/offers").json();
        JsonNode swim = null;
        for (JsonNode o : after.has("items") ? after.get("items") : after) {
            if (o.get("id").asText().equals(offer)) {
                swim = o;
            }
        }
        assertThat(swim).isNotNull();
        assertThat(swim.get("weeklyQuota").asInt()).isEqualTo(5);
        assertThat(swim.get("title").asText()).isEqualTo("Swim");
    }

    @Test
    void aNullWardIsRefusedForMembersOrganisationsAndPartners() {
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/members", "{\"displayName\":\"Ann\",\"ward\":null}"), "ward");
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/organisations", "{\"name\":\"Club\",\"ward\":null}"), "ward");
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/partners", "{\"name\":\"Shop\",\"ward\":null}"), "ward");
        refusedNaming(admin.send("PATCH", "/v1/members/" + world.otherMemberId, "{\"ward\":null}"), "ward");
    }

    @Test
    void aNullExpiryOfVettingIsRefused() {
        refusedNaming(admin.send("PUT", "/v1/members/" + world.otherMemberId + "/vetting",
                "{\"status\":\"CLEARED\",\"checkedOn\":\"" + World.today() + "\",\"expiresOn\":null}"), "expiresOn");
    }

    @Test
    void aSignUpNamingNullIsRefusedRatherThanSigningUpTheCaller() {
        Api.Reply signup = world.member.api().post("/v1/opportunities/" + world.opportunity + "/signups",
                "{\"memberId\":null}", "Idempotency-Key", newKey());

        refusedNaming(signup, "memberId");
    }

    @Test
    void aTransferWithANullMemoIsRefusedAndMovesNothing() {
        long before = balance(world.otherAccount);

        Api.Reply transfer = admin.post("/v1/schemes/" + world.code + "/transfers", "{\"fromAccountId\":\""
                + world.otherAccount + "\",\"toAccountId\":\"" + world.member.accountId()
                + "\",\"amountMinutes\":1,\"type\":\"GIFT\",\"memo\":null}", "Idempotency-Key", newKey());

        refusedNaming(transfer, "memo");
        assertThat(balance(world.otherAccount)).isEqualTo(before);
    }

    @Test
    void aNullInsideAListIsNamedByItsIndex() {
        Api.Reply staff = admin.post("/v1/schemes/" + world.code + "/staff", "{\"username\":\"null-in-list\","
                + "\"password\":\"staff-password-1\",\"role\":\"COORDINATOR\",\"organisationIds\":[\""
                + world.organisation + "\",null]}");

        refusedNaming(staff, "organisationIds[1]");
    }

    @Test
    void whereTheContractSaysNullableNullStillMeansWhatItSays() {
        JsonNode scheme = createScheme("weeklyEarnCapMinutes", 600);
        Api.Reply uncapped = admin.send("PATCH", "/v1/schemes/" + scheme.get("code").asText(), "{\"weeklyEarnCapMinutes\":null}");
        assertThat(uncapped.status()).as(uncapped.toString()).isEqualTo(200);
        assertThat(uncapped.json().has("weeklyEarnCapMinutes") && !uncapped.json().get("weeklyEarnCapMinutes").isNull()).isFalse();

        String staffId = admin.post("/v1/schemes/" + world.code + "/staff", object("username", "linked-then-not",
                "password", "staff-password-1", "role", "AUDITOR", "memberId", world.otherMemberId)).field("id");
        Api.Reply unlinked = admin.send("PUT", "/v1/staff/" + staffId + "/member", "{\"memberId\":null}");
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        assertThat(unlinked.json().path("memberId").isMissingNode() || unlinked.json().path("memberId").isNull()).isTrue();
    }

    // ---- the request's names, not the code's ----

    @Test
    void aLogoutWithAnEmptyTokenNamesTheRequestsProperty() {
        refusedNaming(anonymous.post("/logout", object("refresh_token", "")), "refresh_token");
    }

    @Test
    void aBadListElementIsNamedByItsListAndIndex() {
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/staff", object("username", "bad-element",
                "password", "staff-password-1", "role", "COORDINATOR", "organisationIds", List.of(world.organisation, ""))),
                "organisationIds[1]");
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/activities/register", object("organisationId",
                world.organisation, "date", World.today(), "minutes", 1, "categoryCode", world.category,
                "memberIds", List.of("")), "Idempotency-Key", newKey()), "memberIds[0]");
    }

    @Test
    void anOrganisationNotOfTheSchemeIsNamedByItsIndex() {
        refusedNaming(admin.post("/v1/schemes/" + world.code + "/staff", object("username", "foreign-org",
                "password", "staff-password-1", "role", "COORDINATOR", "organisationIds",
                List.of(world.organisation, "org_01NOTANORGANISATION000000"))), "organisationIds[1]");
    }
}

package org.timeledger.http;

import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Requests the framework refuses before our code runs are answered in the service's words, never its internals'. */
class FrameworkWordsTest extends ServiceTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    private static void inOurWords(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.json().get("detail").asText()).as(reply.toString())
                .doesNotContain("io.micronaut").doesNotContain("No enum constant").doesNotContain("deserialization")
                .doesNotContain("Required Body").doesNotContain("Login request").doesNotContain("For input string");
        assertThat(reply.json().get("requestId").asText()).startsWith("req_");
    }

    @Test
    void anUnknownPropertyIsNamed() {
        Api.Reply reply = anonymous.outsideContract().post("/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\",\"remember\":true}");

        inOurWords(reply);
        assertThat(reply.json().get("detail").asText()).contains("a property this request does not take: remember");
    }

    @Test
    void aTokenRefreshWithAPropertyItDoesNotTakeIsRefusedAsALoginIs() {
        Api.Reply json = anonymous.post("/oauth/access_token",
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"x\",\"scope\":\"all\"}");
        Api.Reply form = anonymous.post("/oauth/access_token", "grant_type=refresh_token&refresh_token=x&scope=all",
                "Content-Type", "application/x-www-form-urlencoded");

        for (Api.Reply reply : List.of(json, form)) {
            inOurWords(reply);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().get("detail").asText()).contains("scope");
        }
    }

    @Test
    void aRegisterUploadWithoutAContentTypeIsAskedForOne() {
        String code = createScheme().get("code").asText();

        Api.Reply reply = admin.outsideContract().send("POST", "/v1/schemes/" + code + "/activities/register",
                "mem_1,60", "Content-Type", "", "Idempotency-Key", newKey());
        Api.Reply noBody = admin.outsideContract().send("POST", "/v1/schemes/" + code + "/activities/register",
                null, "Idempotency-Key", newKey());

        for (Api.Reply answer : List.of(reply, noBody)) {
            inOurWords(answer);
            assertThat(answer.json().get("detail").asText()).as(answer.toString()).doesNotContain("route");
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
    }

    @Test
    void anUnknownHealthProbeIsSaidInWords() {
        inOurWords(anonymous.outsideContract().get("/health/AAA"));
    }

    @Test
    void aRegisterWithNoLinesSaysItNeedsABody() {
        String code = createScheme().get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Club")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);

        Api.Reply reply = admin.outsideContract().send("POST", "/v1/schemes/" + code + "/activities/register?organisationId="
                + organisation + "&date=2026-01-01&categoryCode=shopping", "", "Content-Type", "text/csv",
                "Idempotency-Key", newKey());

        inOurWords(reply);
        assertThat(List.of(reply.json().get("detail").asText())).allSatisfy(d -> assertThat(d).containsIgnoringCase("body"));
    }
}

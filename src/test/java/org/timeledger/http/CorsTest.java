package org.timeledger.http;

import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Browsers and the members' app may call from the origins configured, and from no other. */
class CorsTest extends ServiceTest {
    static final String APP = "https://app.castlehaven.example";

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.cors.configurations.clients.allowed-origins", APP);
    }

    @Test
    void aConfiguredOriginMayCallAndReadTheHeadersItNeeds() {
        Api.Reply preflight = anonymous.outsideContract().send("OPTIONS", "/v1/me", null, "Origin", APP,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization,if-none-match");
        Api.Reply actual = admin.get("/v1/schemes/none", "Origin", APP);

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains(APP);
        assertThat(preflight.headerValues("Access-Control-Allow-Methods")).contains("GET");
        assertThat(actual.header("Access-Control-Allow-Origin")).contains(APP);
        assertThat(actual.headerValues("Access-Control-Expose-Headers")).contains("ETag", "X-Request-Id", "Idempotent-Replayed");
    }

    @Test
    void everyMethodTheApiUsesMayBeCalledFromAConfiguredOrigin() {
        Map<String, String> routes = Map.of("GET", "/v1/members/mem_x", "POST", "/v1/members/mem_x/deactivation",
                "PUT", "/v1/members/mem_x/limits", "PATCH", "/v1/members/mem_x", "DELETE", "/v1/members/mem_x/personal-data");
        for (String method : routes.keySet()) {
            Api.Reply preflight = anonymous.outsideContract().send("OPTIONS", routes.get(method), null, "Origin", APP,
                    "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization,content-type");

            assertThat(preflight.status()).as(method).isEqualTo(200);
            assertThat(preflight.headerValues("Access-Control-Allow-Methods")).as(method).contains(method);
        }
    }

    @Test
    void anyOtherOriginIsRefused() {
        Api.Reply preflight = anonymous.outsideContract().send("OPTIONS", "/v1/me", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
    }
}

package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Every response carries the security headers: successes, errors, health and CORS preflights alike. */
class SecurityHeadersTest extends ServiceTest {
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
    void everyKindOfResponseCarriesThem() {
        JsonNode scheme = createScheme();
        MemberLogin ada = memberLogin(scheme.get("code").asText(), "Ada");
        Api outside = anonymous.outsideContract();
        List<Api.Reply> replies = new ArrayList<>(List.of(
                anonymous.get("/health"),
                anonymous.get("/health/liveness"),
                admin.get("/v1/schemes/" + scheme.get("code").asText()),
                admin.post("/v1/schemes", object("code", "x" + newKey().substring(0, 8), "name", "Created")),
                anonymous.get("/v1/schemes/any"),                                      // 401
                anonymous.post("/login", object("username", "admin", "password", "wrong-password")), // 401
                ada.api().post("/v1/schemes", object("code", "nope", "name", "x")),    // 403
                admin.get("/v1/entries/ent_nothing"),                                   // 404
                admin.post("/v1/schemes", object("name", "no code")),                   // 400
                outside.get("/no/such/route"),                                          // 404 before any route
                outside.send("PATCH", "/health", null),                                 // 405
                outside.send("OPTIONS", "/v1/me", null, "Origin", APP, "Access-Control-Request-Method", "GET"),
                outside.send("OPTIONS", "/v1/me", null, "Origin", "https://evil.example", "Access-Control-Request-Method", "GET"),
                ada.api().get("/v1/me/postings?format=csv")));

        assertThat(replies).extracting(Api.Reply::status).contains(200, 201, 400, 401, 403, 404, 405);
        for (Api.Reply reply : replies) {
            assertThat(reply.header("Content-Security-Policy")).as(reply.toString()).contains("default-src 'none'; frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(reply.toString()).contains("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).contains("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(reply.toString()).contains("no-referrer");
            assertThat(reply.header("Cache-Control")).as(reply.toString()).contains("no-store");
            assertThat(reply.header("Strict-Transport-Security")).as(reply.toString()).contains("max-age=31536000");
        }
    }

    /**
     * The console's page and files run scripts, but only its own: no inline script, nothing from
     * another site, no framing. Its API calls keep the API's policy.
     */
    @Test
    void theConsoleHasAPolicyOfItsOwnThatStillRunsNothingButItsOwnScripts() {
        Api outside = anonymous.outsideContract();
        for (String path : List.of("/", "/console/js/app.js", "/console/console.css")) {
            Api.Reply reply = outside.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header("Content-Security-Policy")).as(path).contains(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
                            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(path).contains("DENY");
            assertThat(reply.header("Cache-Control")).as(path).contains("no-cache");
        }
        assertThat(outside.get("/").body()).contains("<script type=\"module\" src=\"/console/js/app.js\"></script>")
                .doesNotContainPattern("<script>|<script type=\"module\">|style=");
        Api.Reply api = admin.get("/v1/session");
        assertThat(api.header("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        // a file the console does not have is a plain 404, and nothing else is served anonymously
        assertThat(outside.get("/console/nothing.js").status()).isEqualTo(404);
        assertThat(outside.get("/v1/session").status()).isEqualTo(401);
    }

    @Test
    void noResponseNamesTheServerSoftware() {
        List<Api.Reply> replies = List.of(anonymous.get("/health"), anonymous.get("/v1/schemes/any"),
                anonymous.outsideContract().get("/no/such/route"));

        for (Api.Reply reply : replies) {
            assertThat(reply.header("Server")).as(reply.toString()).isEmpty();
            assertThat(reply.header("X-Powered-By")).as(reply.toString()).isEmpty();
            assertThat(reply.headers().toString() + reply.body()).as(reply.toString())
                    .doesNotContainIgnoringCase("micronaut").doesNotContainIgnoringCase("netty");
        }
    }

    /** The balance a phone polls stays revalidatable: its own copy, never a shared cache's, and 304 says the same. */
    @Test
    void theMembersBalanceMayBeKeptToRevalidateAndIts304SaysSoToo() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");

        Api.Reply me = ada.api().get("/v1/me");
        Api.Reply notModified = ada.api().get("/v1/me", "If-None-Match", me.header("ETag").orElseThrow());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("Cache-Control")).contains("private, no-cache");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("Cache-Control")).contains("private, no-cache");
        assertThat(notModified.header("ETag")).isEqualTo(me.header("ETag"));
        for (Api.Reply reply : List.of(me, notModified)) {
            assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(reply.header("Content-Security-Policy")).isPresent();
        }
        assertThat(Set.copyOf(me.headerValues("Cache-Control"))).doesNotContain("no-store");
    }
}

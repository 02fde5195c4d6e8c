package org.timeledger.access;

import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.Tokens;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/** Logging in, and what happens without a valid token. */
public abstract class AccessApiTests extends ServiceTest {

    @Test
    void theAdministratorLogsInAndGetsABearerToken() {
        Api.Reply login = anonymous.post("/login", object("username", "admin", "password", ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.field("token_type")).isEqualTo("Bearer");
        assertThat(login.number("expires_in")).isEqualTo(3600);
        assertThat(login.field("access_token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        Api withToken = anonymous.withToken(login.field("access_token"));
        assertThat(withToken.post("/v1/schemes", object("code", "access-" + database.kind(), "name", "x")).status()).isEqualTo(201);
    }

    @Test
    void aWrongPasswordOrUnknownUserIsUnauthorized() {
        Api.Reply wrong = anonymous.post("/login", object("username", "admin", "password", "not-the-password"));
        Api.Reply nobody = anonymous.post("/login", object("username", "nobody", "password", ADMIN_PASSWORD));
        Api.Reply incomplete = anonymous.post("/login", object("username", "admin"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("unauthorized");
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.body()).isEqualTo(nobody.body().replace(ADMIN_PASSWORD, ""));
        assertThat(incomplete.status()).isEqualTo(400);
    }

    @Test
    void everyV1RouteNeedsAValidToken() {
        Api.Reply none = anonymous.get("/v1/schemes/any");
        Api.Reply garbage = anonymous.withToken("not.a.token").get("/v1/schemes/any");
        Api.Reply expired = anonymous.withToken(Tokens.signed("admin", Instant.now().minusSeconds(60), "ADMIN")).get("/v1/schemes/any");
        Api.Reply forged = anonymous.withToken(forgedToken()).get("/v1/schemes/any");

        for (Api.Reply reply : new Api.Reply[]{none, garbage, expired, forged}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("unauthorized");
            assertThat(reply.header("Content-Type")).contains("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).as("no basic-auth prompt on a bearer API").isEmpty();
        }
    }

    @Test
    void aTokenWithoutTheAdministratorRoleIsForbidden() {
        // a real member's token: one made by hand, without the claims the service puts in, is refused 401
        Api member = memberLogin(createScheme().get("code").asText(), "Ada").api();

        Api.Reply reply = member.post("/v1/schemes", object("code", "forbidden-" + database.kind(), "name", "x"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("forbidden");
    }

    @Test
    void healthIsOpenAndShowsNoDetailsToStrangers() {
        Api.Reply health = anonymous.get("/health");
        Api.Reply readiness = anonymous.get("/health/readiness");
        Api.Reply liveness = anonymous.get("/health/liveness");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.field("status")).isEqualTo("UP");
        assertThat(health.json().has("details")).isFalse();
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(admin.get("/health").json().has("details"))
                .as("members and tills log in too: details go to nobody, operators read the logs").isFalse();
    }

    @Test
    void everyResponseCarriesARequestId() {
        Api.Reply given = anonymous.get("/health", "X-Request-Id", "till-42:abc");
        Api.Reply generated = anonymous.get("/v1/schemes/any");
        Api.Reply hostile = anonymous.get("/health", "X-Request-Id", "evil id <script>");

        assertThat(given.header("X-Request-Id")).contains("till-42:abc");
        assertThat(generated.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(generated.field("requestId")).isEqualTo(generated.header("X-Request-Id").orElseThrow());
        assertThat(hostile.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        Api.Reply unknown = admin.outsideContract().get("/v1/nothing-here");
        Api.Reply method = admin.outsideContract().send("DELETE", "/v1/schemes/any", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not_found");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("method_not_allowed");
    }

    private static String forgedToken() {
        String real = Tokens.signed("admin", "ADMIN");
        // same header and claims, signature of another key
        String[] parts = real.split("\\.");
        return parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    }
}

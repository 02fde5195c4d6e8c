package org.timeledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.timeledger.testing.Api.object;

/**
 * The real service on a real HTTP port, on a fresh database of its own: H2 or PostgreSQL,
 * chosen by the concrete subclass. Nothing of ours is mocked.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    public static final String ADMIN_PASSWORD = "test-admin-password";
    /** Known to tests so they can sign tokens of their own, as an attacker with the key could. */
    public static final String JWT_SECRET = "test-jwt-secret-that-is-long-enough-for-hs256";
    private static final AtomicInteger SCHEMES = new AtomicInteger();

    protected final TestDatabase database = database();

    @Inject
    protected EmbeddedServer server;

    protected Api anonymous;
    protected Api admin;

    /** The database this class runs on. */
    protected abstract TestDatabase database();

    /** Properties a test class adds or changes. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(database.properties());
        p.put("timeledger.admin-password", ADMIN_PASSWORD);
        p.put("timeledger.jwt-secret", JWT_SECRET);
        p.put("timeledger.bcrypt-cost", "4");
        p.putAll(extraProperties());
        return p;
    }

    @BeforeAll
    void logIn() {
        anonymous = new Api(server.getURI());
        admin = anonymous.login("admin", ADMIN_PASSWORD);
    }

    protected Connection sql() throws SQLException {
        return database.connect();
    }

    // ---- fixtures: each creates what a test needs through the API, as a user would ----

    protected static String newKey() {
        return UUID.randomUUID().toString();
    }

    protected JsonNode createScheme(Object... fields) {
        Map<String, Object> body = object("code", "s" + SCHEMES.incrementAndGet() + "-" + database.kind(), "name", "Test scheme");
        body.putAll(object(fields));
        Api.Reply reply = admin.post("/v1/schemes", body);
        expect(reply, 201);
        return reply.json();
    }

    protected JsonNode registerMember(String schemeCode, String name) {
        Api.Reply reply = admin.post("/v1/schemes/" + schemeCode + "/members", object("displayName", name));
        expect(reply, 201);
        return reply.json();
    }

    protected Api.Reply transfer(String schemeCode, String from, String to, long minutes, String type) {
        return admin.post("/v1/schemes/" + schemeCode + "/transfers",
                object("fromAccountId", from, "toAccountId", to, "amountMinutes", minutes, "type", type),
                "Idempotency-Key", newKey());
    }

    /** Issues credits from the scheme's ISSUANCE account to an account, as an administrator's ADJUSTMENT. */
    protected JsonNode issue(JsonNode scheme, String accountId, long minutes) {
        Api.Reply reply = transfer(scheme.get("code").asText(), scheme.get("issuanceAccountId").asText(), accountId,
                minutes, "ADJUSTMENT");
        expect(reply, 201);
        return reply.json();
    }

    protected long balance(String accountId) {
        Api.Reply reply = admin.get("/v1/accounts/" + accountId);
        expect(reply, 200);
        return reply.number("balanceMinutes");
    }

    protected JsonNode reconcile(String schemeCode) {
        Api.Reply reply = admin.get("/v1/schemes/" + schemeCode + "/reconciliation");
        expect(reply, 200);
        return reply.json();
    }

    protected static void expect(Api.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply);
        }
    }
}

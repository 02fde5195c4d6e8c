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
        Map<String, String> p = properties(database);
        p.putAll(extraProperties());
        return p;
    }

    /** What every test's service runs with, on this database: also for contexts started by hand (jqwik's). */
    public static Map<String, String> properties(TestDatabase database) {
        Map<String, String> p = new HashMap<>(database.properties());
        p.put("micronaut.server.port", "-1"); // a free port: application.yml's 8080 may be taken
        p.put("timeledger.admin-password", ADMIN_PASSWORD);
        p.put("timeledger.jwt-secret", JWT_SECRET);
        p.put("timeledger.bcrypt-cost", "4");
        // tests drive the service far faster than any person or till; the classes about rate limits turn them on
        p.put("timeledger.rate-limit.enabled", "false");
        // the scheduled reconciliation runs when a test says so (ReconciliationSchedule.runAll), not
        // a minute into a long test class; ReconciliationScheduleTest runs it on its schedule
        p.put("timeledger.reconciliation.initial-delay", "1h");
        return p;
    }

    @BeforeAll
    void logIn() {
        anonymous = new Api(server.getURI());
        admin = anonymous.login("admin", ADMIN_PASSWORD);
    }

    /** The bootstrap administrator's user id, as entries record it. */
    protected String adminId() {
        return admin.claim("uid");
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

    /**
     * Runs the scheduled reconciliation of a scheme now, as its schedule would, and answers the
     * id of the scheme's newest checkpoint (null when it has none).
     */
    public String checkpoint(String schemeCode) {
        var schedule = server.getApplicationContext().getBean(org.timeledger.operations.ReconciliationSchedule.class);
        var schemes = server.getApplicationContext().getBean(org.timeledger.schemes.SchemeService.class);
        schedule.run(schemes.get(schemeCode));
        JsonNode items = anonymous.get("/v1/public/schemes/" + schemeCode + "/checkpoints?limit=1").json().get("items");
        return items.isEmpty() ? null : items.get(0).get("id").asText();
    }

    /** A staff user of the scheme, logged in. */
    protected Api staff(String schemeCode, String role, String... organisationIds) {
        String username = role.toLowerCase() + "-" + UNIQUE.incrementAndGet();
        Map<String, Object> body = object("username", username, "password", "staff-password-1", "role", role);
        if (organisationIds.length > 0) {
            body.put("organisationIds", java.util.List.of(organisationIds));
        }
        expect(admin.post("/v1/schemes/" + schemeCode + "/staff", body), 201);
        return anonymous.login(username, "staff-password-1");
    }

    /** A member who was registered, activated their login and logged in. */
    protected record MemberLogin(Api api, String memberId, String accountId, String cardNumber, String username,
                                 String password) {
    }

    protected MemberLogin memberLogin(String schemeCode, String name) {
        Api.Reply registered = admin.post("/v1/schemes/" + schemeCode + "/members", object("displayName", name));
        expect(registered, 201);
        String username = "member-" + UNIQUE.incrementAndGet();
        String password = "member-password-1";
        expect(anonymous.post("/v1/activation", object("code", registered.field("activationCode"), "username", username,
                "password", password)), 200);
        return new MemberLogin(anonymous.login(username, password), registered.field("id"), registered.field("accountId"),
                registered.field("cardNumber"), username, password);
    }

    /** A till of the partner: a client sending a new API key of it. */
    protected Api till(String partnerId) {
        Api.Reply key = admin.post("/v1/partners/" + partnerId + "/api-keys", object("label", "till " + UNIQUE.incrementAndGet()));
        expect(key, 201);
        return anonymous.withApiKey(key.field("key"));
    }

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    protected static void expect(Api.Reply reply, int status) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply);
        }
    }
}

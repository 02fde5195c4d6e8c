package org.timeledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timeledger.testing.Api.object;

/**
 * The service loses its PostgreSQL and gets it back, with no manual step: connections cut from
 * under the pool, the database refusing connections for a while, and a start while it is still
 * unreachable. PostgreSQL only: embedded H2 runs inside the service's process, with no
 * connection to lose.
 */
class DatabaseOutagePostgresTest extends ServiceTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    protected Map<String, String> extraProperties() {
        // a request waits at most a second for a connection while the database is down
        return Map.of("datasources.default.connection-timeout", "1000");
    }

    @Test
    void connectionsCutUnderThePoolAreReplacedAndNoRequestFailsWithA500() throws Exception {
        Giving g = giving();

        terminateServiceConnections();

        // reads are run again on a fresh connection: the caller never notices
        for (int i = 0; i < 5; i++) {
            assertThat(admin.get("/v1/accounts/" + g.from()).status()).isEqualTo(200);
        }
        terminateServiceConnections();
        // a write that lost its connection is 503 at worst, and its retry under the same key posts it once
        String key = "after-cut";
        Api.Reply posted = untilAnswered(g, key);
        assertThat(posted.status()).isEqualTo(201);
        assertThat(entriesWithMemo("after-cut")).isEqualTo(1);
        assertThat(reconcile(g.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void whileTheDatabaseIsDownRequestsAre503AndReadinessSaysDownThenAllRecovers() throws Exception {
        Giving g = giving();
        assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);

        refuseConnections(true);
        try {
            Api.Reply readiness = anonymous.get("/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);

            Api.Reply refused = gift(g, "while-down");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("database_unavailable");
            assertThat(refused.header("Retry-After")).contains("2");
            Api.Reply login = anonymous.post("/login", object("username", "admin", "password", ADMIN_PASSWORD));
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.code()).isEqualTo("database_unavailable");
        } finally {
            refuseConnections(false);
        }

        assertThat(untilReady()).isTrue();
        Api.Reply retried = gift(g, "while-down");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        assertThat(entriesWithMemo("while-down")).isEqualTo(1);
        assertThat(balance(g.to())).isEqualTo(30);
    }

    @Test
    void aServiceStartedBeforeItsDatabaseWaitsForIt() throws Exception {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("datasources.default.connection-timeout", "500");
        refuseConnections(true);
        CompletableFuture<EmbeddedServer> starting;
        try {
            starting = CompletableFuture.supplyAsync(() -> ApplicationContext.run(EmbeddedServer.class, properties));
            Thread.sleep(3000);
            assertThat(starting).isNotDone();
        } finally {
            refuseConnections(false);
        }
        try (EmbeddedServer second = starting.get(60, TimeUnit.SECONDS)) {
            assertThat(new Api(second.getURI()).get("/health/readiness").status()).isEqualTo(200);
        }
    }

    @Test
    void aServiceWhoseDatabaseNeverComesGivesUpWithAClearMessage() throws Exception {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("datasources.default.connection-timeout", "250");
        properties.put("timeledger.database.startup-wait", "2s");
        refuseConnections(true);
        try {
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties).close())
                    .hasStackTraceContaining("could not be reached within 2 s (timeledger.database.startup-wait)");
        } finally {
            refuseConnections(false);
        }
    }

    /** A scheme with a member holding 10 hours and another to give to. */
    private record Giving(String code, String from, String to) {
    }

    private Giving giving() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String from = registerMember(code, "Giver").get("accountId").asText();
        String to = registerMember(code, "Receiver").get("accountId").asText();
        issue(scheme, from, 600);
        return new Giving(code, from, to);
    }

    private Api.Reply gift(Giving g, String key) {
        return admin.post("/v1/schemes/" + g.code() + "/transfers",
                object("fromAccountId", g.from(), "toAccountId", g.to(), "amountMinutes", 30, "type", "GIFT", "memo", key),
                "Idempotency-Key", key);
    }

    /** Sends the gift again under its key until it gets an answer other than 503, as a till would. */
    private Api.Reply untilAnswered(Giving g, String key) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Api.Reply reply = gift(g, key);
            assertThat(reply.status()).as("never a 500: %s", reply).isNotEqualTo(500);
            if (reply.status() != 503) {
                return reply;
            }
            assertThat(reply.code()).isEqualTo("database_unavailable");
            Thread.sleep(200);
        }
        throw new AssertionError("still 503 after 20 attempts");
    }

    private boolean untilReady() throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (anonymous.get("/health/readiness").status() == 200) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private long entriesWithMemo(String memo) throws SQLException {
        try (Connection c = sql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM journal_entry WHERE memo = '" + memo + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ends every session of the service on its database, as a PostgreSQL restart does. */
    private void terminateServiceConnections() throws SQLException {
        try (Connection c = maintenance(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName()
                    + "' AND pid <> pg_backend_pid()");
        }
    }

    /** The database refuses (or again accepts) new connections, and its sessions are ended: it is down. */
    private void refuseConnections(boolean refuse) throws SQLException {
        try (Connection c = maintenance(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + databaseName() + " ALLOW_CONNECTIONS " + !refuse);
        }
        if (refuse) {
            terminateServiceConnections();
        }
    }

    /** A connection to the server's postgres database, which stays open while the service's is closed. */
    private Connection maintenance() throws SQLException {
        String url = database.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String postgres = url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
        return DriverManager.getConnection(postgres, database.username(), database.password());
    }

    private String databaseName() {
        String url = database.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
    }
}

package org.timeledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timeledger.testing.Api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The service, as started by scripts/run (its own JVM, the default H2 file under ./data), is
 * killed with SIGKILL while clients are posting. Every entry it acknowledged must be in the
 * database afterwards, and the books must still reconcile.
 */
class H2DurabilityTest {
    static final String PASSWORD = "durability-admin-password";

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedEntrySurvivesKill9() throws Exception {
        int port = freePort();
        Process service = start(port);
        Api admin = waitUntilUp(port, service).login("admin", PASSWORD);
        JsonNode scheme = admin.post("/v1/schemes", object("code", "durable", "name", "Durable")).json();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String account = admin.post("/v1/schemes/durable/members", object("displayName", "M" + i)).field("accountId");
            admin.post("/v1/schemes/durable/transfers", object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                    "toAccountId", account, "amountMinutes", 6_000, "type", "ADJUSTMENT"), "Idempotency-Key", "open-" + i);
            members.add(account);
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            Random random = new Random(t);
            Api client = admin.outsideContract();
            clients.submit(() -> {
                while (!killed.get()) {
                    String from = members.get(random.nextInt(members.size()));
                    String to = members.get((members.indexOf(from) + 1 + random.nextInt(members.size() - 1)) % members.size());
                    try {
                        Api.Reply reply = client.post("/v1/schemes/durable/transfers", object("fromAccountId", from,
                                "toAccountId", to, "amountMinutes", 1 + random.nextInt(30), "type", "GIFT"),
                                "Idempotency-Key", java.util.UUID.randomUUID().toString());
                        if (reply.status() == 201) {
                            acknowledged.add(reply.field("id"));
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (acknowledged.size() < 400 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        service.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
        killed.set(true);
        service.waitFor(30, TimeUnit.SECONDS);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        Set<String> acknowledgedBeforeKill = new HashSet<>(acknowledged);
        assertThat(acknowledgedBeforeKill).as("entries acknowledged before the kill").hasSizeGreaterThanOrEqualTo(400);

        assertThat(storedEntries()).as("acknowledged entries still stored after kill -9").containsAll(acknowledgedBeforeKill);

        Process again = start(port);
        try {
            Api restarted = waitUntilUp(port, again).login("admin", PASSWORD);
            JsonNode report = restarted.get("/v1/schemes/durable/reconciliation").json();
            assertThat(report.get("balanced").asBoolean()).as(report.toString()).isTrue();
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The service's own main class, on this test's class path, in a directory of its own. */
    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // four clients post as fast as they can as one administrator: far over the rate limits
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-Dmicronaut.server.port=" + port, "-Dtimeledger.bcrypt-cost=4", "-Dtimeledger.rate-limit.enabled=false",
                "-cp", System.getProperty("java.class.path"), "org.timeledger.Application")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("service.log").toFile()));
        builder.environment().put("TIMELEDGER_ADMIN_PASSWORD", PASSWORD);
        return builder.start();
    }

    private Api waitUntilUp(int port, Process service) throws Exception {
        Api api = new Api(URI.create("http://localhost:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new AssertionError("the service stopped:\n" + Files.readString(workDir.resolve("service.log")));
            }
            try {
                if (api.get("/health").status() == 200) {
                    return api;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not start:\n" + Files.readString(workDir.resolve("service.log")));
    }

    private Set<String> storedEntries() throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("data/timeledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM journal_entry")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

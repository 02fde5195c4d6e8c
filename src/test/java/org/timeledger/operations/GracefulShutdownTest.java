package org.timeledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timeledger.testing.Api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * SIGTERM, as systemd or a container platform stops the service: it stops accepting
 * connections, lets the requests in flight finish within TIMELEDGER_SHUTDOWN_GRACE, closes
 * the database pool after them, and exits. The request kept in flight is a transfer whose
 * body is still arriving when the signal comes: its entry must be stored.
 */
class GracefulShutdownTest {
    private static final Pattern ENTRY_ID = Pattern.compile("\"id\":\"(ent_[A-Za-z0-9]+)\"");

    @TempDir
    Path workDir;

    private String adminAuthorization;

    @Test
    void aRequestInFlightFinishesAndItsEntryIsStored() throws Exception {
        ServiceProcess service = ServiceProcess.start(workDir, Map.of("TIMELEDGER_SHUTDOWN_GRACE", "20s"));
        byte[] body = transferBody(service);
        try (Socket inFlight = new Socket("localhost", service.port)) {
            OutputStream out = inFlight.getOutputStream();
            out.write(head("/v1/schemes/stop/transfers", body.length, "Authorization", adminAuthorization,
                    "Idempotency-Key", UUID.randomUUID().toString()).getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300); // the server has the request and waits for the rest of its body

            long signalled = System.nanoTime();
            service.process.destroy(); // SIGTERM
            assertThat(newConnectionAnswerAfterSigterm(service)).as("a new connection after SIGTERM").isIn("refused", "503");
            assertThat(service.process.isAlive()).as("still running while a request is in flight").isTrue();

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String answer = readAll(inFlight.getInputStream());
            assertThat(answer).as("the request in flight").startsWith("HTTP/1.1 201");
            Matcher entry = ENTRY_ID.matcher(answer);
            assertThat(entry.find()).as(answer).isTrue();

            // a guard against a hang, far beyond the grace period, not a measure of the shutdown
            assertThat(service.process.waitFor(60, TimeUnit.SECONDS)).as("exited by itself").isTrue();
            int exit = service.process.exitValue();
            System.out.printf("shutdown with a request in flight (the rest of its body sent once new connections were "
                    + "refused): %d ms after SIGTERM, exit %d%n", Duration.ofNanos(System.nanoTime() - signalled).toMillis(), exit);
            assertThat(exit).as("exit status after SIGTERM").isIn(0, 143);
            assertThat(storedEntry(entry.group(1))).as("the entry of the request in flight is stored").isTrue();
        }
        List<String> log = service.logLines();
        int accessLine = indexOf(log, "timeledger.access", "POST /v1/schemes/{code}/transfers 201");
        int graceful = indexOf(log, "GracefulShutdown", "Shutting down gracefully");
        int poolClosed = indexOf(log, "HikariDataSource", "Shutdown completed");
        assertThat(accessLine).as("the transfer's access line").isNotNegative();
        assertThat(graceful).as("the log says it shut down gracefully, after the request").isGreaterThan(accessLine);
        assertThat(poolClosed).as("the pool closed after that").isGreaterThan(graceful);
        assertThat(log).noneMatch(line -> line.contains("ERROR") || line.contains("Database is already closed"));
    }

    @Test
    void anIdleServiceStopsWithoutWaitingForTheGracePeriod() throws Exception {
        // a grace period far longer than the patience below: an idle service that waited it out would be killed
        ServiceProcess service = ServiceProcess.start(workDir, Map.of("TIMELEDGER_SHUTDOWN_GRACE", "10m"));
        long signalled = System.nanoTime();
        int exit = service.stop(Duration.ofSeconds(60));
        System.out.printf("idle shutdown: %d ms after SIGTERM, exit %d%n",
                Duration.ofNanos(System.nanoTime() - signalled).toMillis(), exit);
        assertThat(exit).as("exit status after SIGTERM (-1: it did not exit and was killed)").isIn(0, 143);
        List<String> log = service.logLines();
        assertThat(indexOf(log, "GracefulShutdown", "Shutting down gracefully")).isNotNegative();
        assertThat(indexOf(log, "GracefulShutdown", "ran out")).as("nothing was cut off").isNegative();
    }

    @Test
    void aRequestThatNeverEndsIsCutOffAtTheGracePeriod() throws Exception {
        ServiceProcess service = ServiceProcess.start(workDir, Map.of("TIMELEDGER_SHUTDOWN_GRACE", "3s"));
        try (Socket stuck = new Socket("localhost", service.port)) {
            // a login whose body never arrives in full: a client that stalled, or a slow-loris
            stuck.getOutputStream().write((head("/login", 100) + "{\"username\":").getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().flush();
            Thread.sleep(300);
            long signalled = System.nanoTime();
            // patience far beyond the grace period: a guard against a hang, not a measure of the shutdown
            int exit = service.stop(Duration.ofSeconds(60));
            System.out.printf("shutdown with a request that never ends, grace 3 s: %d ms after SIGTERM, exit %d%n",
                    Duration.ofNanos(System.nanoTime() - signalled).toMillis(), exit);
            assertThat(exit).as("it exits by itself, as a process ended by SIGTERM (-1: it hung and was killed)")
                    .isEqualTo(143);
            assertThat(answerIfAny(stuck)).as("the stalled request is cut off unanswered").isEmpty();
        }
        assertThat(indexOf(service.logLines(), "GracefulShutdown", "grace period of 3 s ran out with 1 request(s)"))
                .as("the log says the grace period ran out and the request was cut off").isNotNegative();
    }

    /** A transfer of an hour from ISSUANCE to a new member, as JSON; the administrator's token kept for it. */
    private byte[] transferBody(ServiceProcess service) throws IOException {
        Api admin = new Api(service.uri()).login("admin", ServiceProcess.ADMIN_PASSWORD);
        adminAuthorization = admin.credentials()[1];
        JsonNode scheme = admin.post("/v1/schemes", object("code", "stop", "name", "Stop")).json();
        String member = admin.post("/v1/schemes/stop/members", object("displayName", "Ada")).field("accountId");
        String json = Api.JSON.writeValueAsString(object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", member, "amountMinutes", 60, "type", "ADJUSTMENT"));
        return ("\n" + json).getBytes(StandardCharsets.UTF_8);
    }

    private static String head(String path, int contentLength, String... headers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /**
     * How a new connection is answered once the service has taken SIGTERM in: asked again while
     * it is answered as before the signal (or reset as the listener closes), until it is refused
     * or answered 503.
     */
    private static String newConnectionAnswerAfterSigterm(ServiceProcess service) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); // a hang guard, within the 20 s grace
        String answer = newConnectionAnswer(service);
        while (!answer.equals("refused") && !answer.equals("503") && System.nanoTime() < giveUp) {
            Thread.sleep(20);
            answer = newConnectionAnswer(service);
        }
        return answer;
    }

    /** What the server sent on a connection before closing it; nothing if it closed or reset it unanswered. */
    private static String answerIfAny(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            return readAll(socket.getInputStream());
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    private static String newConnectionAnswer(ServiceProcess service) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(service.uri().resolve("/health/liveness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return Integer.toString(answer.statusCode());
        } catch (ConnectException refused) {
            return "refused";
        } catch (IOException other) {
            return other.toString();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private boolean storedEntry(String id) throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("data/timeledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM journal_entry WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static int indexOf(List<String> lines, String logger, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(logger) && lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

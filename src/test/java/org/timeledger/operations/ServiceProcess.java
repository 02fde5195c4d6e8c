package org.timeledger.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own, as {@code scripts/run} starts it: its own main class and the
 * real logback.xml (the test class path has no logback-test.xml), in a directory of its own
 * with the default H2 file under ./data, everything it prints kept in a file.
 */
final class ServiceProcess {
    static final String ADMIN_PASSWORD = "operations-admin-password";

    final Process process;
    final int port;
    final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        Path log = workDir.resolve("service.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dtimeledger.bcrypt-cost=4", "-Dtimeledger.rate-limit.enabled=false",
                "-cp", System.getProperty("java.class.path"), "org.timeledger.Application"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TIMELEDGER_PORT", Integer.toString(port));
        builder.environment().put("TIMELEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        service.awaitLive();
        return service;
    }

    URI uri() {
        return URI.create("http://localhost:" + port);
    }

    private void awaitLive() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest probe = HttpRequest.newBuilder(uri().resolve("/health/liveness")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not start within 90 s:\n" + Files.readString(log));
    }

    /** SIGTERM, as systemd or a container platform stops it; the exit status, or -1 if it had to be killed. */
    int stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.timeledger;

import org.junit.jupiter.api.Test;
import org.timeledger.support.StartupRefused;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as an operator starts it, in a process of its own: in production without a
 * signing key it stops at once with one log line saying what to set, no stack trace, and a
 * non-zero exit status a supervisor can tell apart.
 */
class ApplicationStartupTest {

    @Test
    void productionWithoutASigningKeyExitsWithOneLineAndStatus78() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Application.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("TIMELEDGER_JWT_SECRET");
        builder.environment().put("TIMELEDGER_MODE", "production");
        builder.environment().put("TIMELEDGER_PORT", "-1");
        builder.environment().put("DATASOURCES_DEFAULT_URL", "jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH");
        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();

        assertThat(exited).as("exited by itself:\n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(StartupRefused.EXIT_STATUS);
        assertThat(lines.stream().filter(l -> l.contains("Refusing to start")).toList()).as(output).singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR", "TIMELEDGER_JWT_SECRET", "openssl rand -base64 48"));
        assertThat(lines).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
        assertThat(output).doesNotContain("Startup completed");
    }
}

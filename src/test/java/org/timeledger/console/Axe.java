package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Every page's axe-core findings, of any impact, in {@code target/screenshots/accessibility.txt}:
 * the tests fail on serious and critical ones; the moderate and minor ones are kept to be read.
 */
final class Axe {
    private Axe() {
    }

    private static boolean started;

    static synchronized void record(String page, JsonNode violations) {
        StringBuilder line = new StringBuilder(page).append(": ");
        if (violations.isEmpty()) {
            line.append("no violations");
        }
        violations.forEach(v -> line.append(v.path("id").asText()).append(" (").append(v.path("impact").asText())
                .append(", ").append(v.path("nodes").size()).append(" elements) "));
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            // each test run starts the file afresh; its classes add to it
            Files.writeString(Browser.SCREENSHOTS.resolve("accessibility.txt"), line.toString().strip() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    started ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.timeledger.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every attempt of every request and what came back, one JSON line each (requests.jsonl), and
 * the counts the report prints. A request is "answered" when the service gave it a final
 * status; connection failures, timeouts, 503 and 409 in-flight are attempts that the client
 * repeats with the same Idempotency-Key.
 */
final class RequestLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final long startedNanos;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong connectionFailures = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final Map<Integer, AtomicLong> finalStatuses = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> serverErrors = new ConcurrentHashMap<>();
    /** Refusals by their problem code: what the rules turned down (insufficient_credits, hold_not_open, ...). */
    final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

    RequestLog(Path file, long startedNanos) throws IOException {
        this.out = Files.newBufferedWriter(file);
        this.startedNanos = startedNanos;
    }

    void attempt(int client, String op, String key, int attempt, int instance, int status, String error) {
        attempts.incrementAndGet();
        ObjectNode line = line(client, op, key);
        line.put("attempt", attempt).put("instance", instance + 1);
        if (error != null) {
            line.put("error", error);
        } else {
            line.put("status", status);
        }
        write(line);
    }

    void answered(int client, String op, String key, String method, String path, String body, int status, String answer,
                  boolean replay) {
        requests.incrementAndGet();
        finalStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (replay) {
            replayed.incrementAndGet();
        }
        if (status >= 400) {
            java.util.regex.Matcher code = CODE.matcher(answer);
            refusals.computeIfAbsent(code.find() ? code.group(1) : Integer.toString(status), c -> new AtomicLong())
                    .incrementAndGet();
        }
        ObjectNode line = line(client, op, key);
        line.put("request", method + " " + path).put("body", body).put("status", status).put("answer", answer);
        if (replay) {
            line.put("replayed", true);
        }
        write(line);
    }

    void serverError(String what) {
        serverErrors.computeIfAbsent(what, w -> new AtomicLong()).incrementAndGet();
    }

    void note(String event, String detail) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", (System.nanoTime() - startedNanos) / 1_000_000).put("event", event).put("detail", detail);
        write(line);
    }

    private ObjectNode line(int client, String op, String key) {
        ObjectNode line = JSON.createObjectNode();
        line.put("t", (System.nanoTime() - startedNanos) / 1_000_000).put("client", client).put("op", op).put("key", key);
        return line;
    }

    private synchronized void write(ObjectNode line) {
        try {
            out.write(line.toString());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

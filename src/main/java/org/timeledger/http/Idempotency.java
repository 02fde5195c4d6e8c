package org.timeledger.http;

import org.timeledger.problem.Refusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.zalando.problem.Problem;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.operations.Metrics;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling for every request that moves credits (SPEC §3). The key is scoped
 * to the caller and stored with a hash of the request and the response, in the same
 * transaction as the effect:
 * <ul>
 *   <li>same key, same request: the original status and body, with {@code Idempotent-Replayed: true};</li>
 *   <li>same key, different request: 422 {@code idempotency_key_reused};</li>
 *   <li>same key while the first is still running: the second waits for it (up to the lock
 *       timeout) and then replays its answer; 409 {@code idempotency_key_in_flight} if it
 *       is still running after that (on embedded H2, where writes take turns, the wait is for
 *       the turn and its timeout a 503 {@code service_busy}).</li>
 * </ul>
 * A request refused by a rule (422 insufficient_credits, 404 for an unknown card, ...) is
 * recorded too, in a transaction of its own after the effect's rolled back: a till that
 * retries after losing the answer gets the same refusal, even if the credits have arrived
 * meanwhile, and cannot charge a member who has since paid another way. Refusals that lift by
 * themselves (503 busy, 409 in flight, a Retry-After) are not recorded, nor are requests the
 * framework refused before they reached us (malformed JSON): those are judged afresh.
 */
@Singleton
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final Transactions transactions;
    private final JsonMapper json;
    private final Metrics metrics;

    public Idempotency(IdempotencyStore store, Transactions transactions, JsonMapper json, Metrics metrics) {
        this.store = store;
        this.transactions = transactions;
        this.json = json;
        this.metrics = metrics;
    }

    /** What identifies a request: who sent it (a principal's id), under which key, to which route, with which body. */
    public record Call(HttpRequest<?> request, String principal, String key, Object body) {
    }

    /**
     * Runs {@code effect} once per key and answers 201 Created with its result; a repeat of the
     * same call gets the stored answer.
     */
    public <T> MutableHttpResponse<T> created(Call call, Class<T> type, Function<T, String> location, Supplier<T> effect) {
        return once(call, HttpStatus.CREATED, type, location, effect);
    }

    /**
     * Runs {@code effect} once per key and answers 200 OK with its result: for a change to
     * something that exists (an activity approved), not a new resource.
     */
    public <T> MutableHttpResponse<T> ok(Call call, Class<T> type, Supplier<T> effect) {
        return once(call, HttpStatus.OK, type, null, effect);
    }

    private <T> MutableHttpResponse<T> once(Call call, HttpStatus status, Class<T> type, Function<T, String> location,
                                            Supplier<T> effect) {
        String key = checkedKey(call.key());
        String principal = call.principal();
        String requestHash = fingerprint(call);

        // No look-up first: a key used before makes the claim fail at once (or, while its request
        // is still running, as soon as that one commits), and the answer is read then.
        try {
            T result = transactions.write(() -> {
                claim(principal, key, requestHash);
                T value = effect.get();
                store.complete(principal, key, status.getCode(), write(value));
                return value;
            });
            return location == null ? HttpResponse.ok(result) : HttpResponse.created(result, URI.create(location.apply(result)));
        } catch (KeyTaken taken) {
            IdempotencyStore.Recorded recorded = transactions.read(() -> store.find(principal, key))
                    .orElseThrow(() -> inFlight(key));
            return replay(recorded, requestHash, type, location);
        } catch (RejectedException refused) {
            if (isFinal(refused)) {
                record(call, principal, key, requestHash, refused);
            }
            throw refused;
        }
    }

    /** Whether retrying the same request could only be refused the same way, unless something else changed. */
    private static boolean isFinal(RejectedException refused) {
        return refused.retryAfterSeconds() == null && !(refused.rejection() instanceof Refusal refusal && switch (refusal) {
            case IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_FLIGHT, SERVICE_BUSY, DATABASE_UNAVAILABLE,
                 TOO_MANY_ATTEMPTS, RATE_LIMITED, UNAUTHORIZED -> true;
            default -> false;
        });
    }

    /** Keeps the refusal under the key; if a concurrent request with the key got there first, that one stands. */
    private void record(Call call, String principal, String key, String requestHash, RejectedException refused) {
        String problem;
        try {
            problem = new String(json.writeValueAsBytes(Argument.of(Problem.class), Problems.of(call.request(), refused)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            transactions.write(() -> {
                store.claim(principal, key, requestHash);
                store.complete(principal, key, Problems.status(refused.rejection()).getCode(), problem);
                return null;
            });
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e) && !SqlErrors.isLockTimeout(e)) {
                throw e;
            }
        }
    }

    private void claim(String principal, String key, String requestHash) {
        try {
            store.claim(principal, key, requestHash);
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new KeyTaken();
            }
            if (SqlErrors.isLockTimeout(e)) {
                throw inFlight(key);
            }
            throw e;
        }
    }

    private <T> MutableHttpResponse<T> replay(IdempotencyStore.Recorded recorded, String requestHash, Class<T> type,
                                              Function<T, String> location) {
        if (!recorded.requestHash().equals(requestHash)) {
            throw new RejectedException(Refusal.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        if (recorded.responseStatus() == null) {
            throw inFlight(null);
        }
        if (recorded.responseStatus() >= 400) {
            metrics.replayed(true);
            throw new ReplayedRefusal(recorded.responseStatus(), recorded.responseBody());
        }
        metrics.replayed(false);
        T body = read(recorded.responseBody(), type);
        MutableHttpResponse<T> response = HttpResponse.<T>status(HttpStatus.valueOf(recorded.responseStatus())).body(body);
        response.header(REPLAYED_HEADER, "true");
        if (location != null && recorded.responseStatus() == HttpStatus.CREATED.getCode()) {
            response.header("Location", location.apply(body));
        }
        return response;
    }

    private static String checkedKey(String key) {
        if (key == null || key.isBlank()) {
            throw new RejectedException(Refusal.IDEMPOTENCY_KEY_MISSING,
                    "Requests that move credits need an Idempotency-Key header: a unique value per request, "
                            + "sent again unchanged when retrying it.");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw RejectedException.invalidField(HEADER, "must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    private String fingerprint(Call call) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((call.request().getMethodName() + " " + call.request().getPath() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(call.body()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RejectedException inFlight(String key) {
        return new RejectedException(Refusal.IDEMPOTENCY_KEY_IN_FLIGHT,
                "A request with this Idempotency-Key is still being processed; retry in a few seconds with the same key.");
    }

    /** The key was inserted by a concurrent request that has since committed. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }
}

package org.timeledger.command;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.Refusal;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a command that changes something exactly once per Idempotency-Key, in a write
 * transaction of its own that it opens: the key's claim, the effect and the stored answer
 * commit together or not at all. A service method that a command runs needs that transaction;
 * such methods are marked {@code @Transactional(propagation = MANDATORY)} and fail at once when
 * called without one. The web layer (web.Idempotency) is one caller; a test, a scheduled job or
 * the demo can run commands the same way without an HTTP request.
 *
 * <ul>
 *   <li>same key, same command: the original answer, marked replayed;</li>
 *   <li>same key, different command: {@code idempotency_key_reused};</li>
 *   <li>same key while the first is still running: the second waits for it (up to the lock
 *       timeout) and then replays its answer; {@code idempotency_key_in_flight} if it is still
 *       running after that (on embedded H2, where writes take turns, the wait is for the turn
 *       and its timeout {@code service_busy}).</li>
 * </ul>
 * A command refused by a rule (insufficient credits, an unknown card, ...) is recorded too, in
 * a transaction of its own after the effect's rolled back: a till that retries after losing the
 * answer gets the same refusal, even if the credits have arrived meanwhile, and cannot charge a
 * member who has since paid another way. Refusals that lift by themselves (busy, in flight, a
 * Retry-After) are not recorded: those are judged afresh.
 */
@Singleton
public class CommandRunner {
    public static final int MAX_KEY_LENGTH = 255;
    private static final String KEY_FIELD = "Idempotency-Key";

    private final IdempotencyStore store;
    private final Transactions transactions;
    private final JsonMapper json;
    private final List<CommandObserver> observers;

    public CommandRunner(IdempotencyStore store, Transactions transactions, JsonMapper json, List<CommandObserver> observers) {
        this.store = store;
        this.transactions = transactions;
        this.json = json;
        this.observers = List.copyOf(observers);
    }

    /**
     * One command: who sends it (a principal's id), under which key, what it is (its name, such
     * as {@code POST /v1/transfers}, and its input, which together are its fingerprint), the
     * type of its result, the status a success answers with, and the effect itself.
     */
    public record Command<T>(String principal, String key, String name, Object input, Class<T> resultType,
                             int successStatus, Supplier<T> effect) {
    }

    /** What a command answered: its result, and whether it is the stored answer of an earlier run. */
    public record Outcome<T>(T result, int status, boolean replayed) {
        static <T> Outcome<T> firstRun(T result, int status) {
            return new Outcome<>(result, status, false);
        }

        static <T> Outcome<T> replayOf(T result, int status) {
            return new Outcome<>(result, status, true);
        }
    }

    /** How a refusal is kept under its key: the status and body a repeat of the command is answered with. */
    public record StoredRefusal(int status, String body) {
    }

    /**
     * Runs the command once per key. {@code refusal} says how a refusal is stored for repeats;
     * a repeat of a stored refusal throws {@link ReplayedRefusal}.
     */
    public <T> Outcome<T> run(Command<T> command, Function<RejectedException, StoredRefusal> refusal) {
        String key = checkedKey(command.key());
        String principal = command.principal();
        String fingerprint = fingerprint(command);

        // No look-up first: a key used before makes the claim fail at once (or, while its command
        // is still running, as soon as that one commits), and the answer is read then.
        try {
            T result = transactions.write(() -> {
                claim(principal, key, fingerprint);
                T value = command.effect().get();
                store.complete(principal, key, command.successStatus(), write(value));
                return value;
            });
            return Outcome.firstRun(result, command.successStatus());
        } catch (KeyTaken taken) {
            IdempotencyStore.Recorded recorded = transactions.read(() -> store.find(principal, key))
                    .orElseThrow(CommandRunner::inFlight);
            return replay(recorded, fingerprint, command.resultType());
        } catch (RejectedException refused) {
            if (isFinal(refused)) {
                record(principal, key, fingerprint, refusal.apply(refused));
            }
            throw refused;
        }
    }

    /** Whether running the same command again could only be refused the same way, unless something else changed. */
    private static boolean isFinal(RejectedException refused) {
        return refused.retryAfterSeconds() == null && !(refused.rejection() instanceof Refusal passing && switch (passing) {
            case IDEMPOTENCY_KEY_MISSING, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_FLIGHT, SERVICE_BUSY, DATABASE_UNAVAILABLE,
                 TOO_MANY_ATTEMPTS, RATE_LIMITED, UNAUTHORIZED -> true;
            default -> false;
        });
    }

    /** Keeps the refusal under the key; if a concurrent command with the key got there first, that one stands. */
    private void record(String principal, String key, String fingerprint, StoredRefusal refusal) {
        try {
            transactions.write(() -> {
                store.claim(principal, key, fingerprint);
                store.complete(principal, key, refusal.status(), refusal.body());
                return null;
            });
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e) && !SqlErrors.isLockTimeout(e)) {
                throw e;
            }
        }
    }

    private void claim(String principal, String key, String fingerprint) {
        try {
            store.claim(principal, key, fingerprint);
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new KeyTaken();
            }
            if (SqlErrors.isLockTimeout(e)) {
                throw inFlight();
            }
            throw e;
        }
    }

    private <T> Outcome<T> replay(IdempotencyStore.Recorded recorded, String fingerprint, Class<T> type) {
        if (!recorded.requestHash().equals(fingerprint)) {
            throw new RejectedException(Refusal.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        if (recorded.responseStatus() == null) {
            throw inFlight();
        }
        if (recorded.responseStatus() >= 400) {
            observers.forEach(CommandObserver::replayedRefusal);
            throw new ReplayedRefusal(recorded.responseStatus(), recorded.responseBody());
        }
        observers.forEach(CommandObserver::replayedAnswer);
        return Outcome.replayOf(read(recorded.responseBody(), type), recorded.responseStatus());
    }

    private static String checkedKey(String key) {
        if (key == null || key.isBlank()) {
            throw new RejectedException(Refusal.IDEMPOTENCY_KEY_MISSING,
                    "Requests that move credits need an Idempotency-Key header: a unique value per request, "
                            + "sent again unchanged when retrying it.");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw RejectedException.invalidField(KEY_FIELD, "must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    private String fingerprint(Command<?> command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((command.name() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(command.input()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON a value is stored as (and a refusal's problem, by the caller's {@code refusal}). */
    public <V> String write(V value, Argument<V> type) {
        try {
            return new String(json.writeValueAsBytes(type, value), StandardCharsets.UTF_8);
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

    private static RejectedException inFlight() {
        return new RejectedException(Refusal.IDEMPOTENCY_KEY_IN_FLIGHT,
                "A request with this Idempotency-Key is still being processed; retry in a few seconds with the same key.");
    }

    /** The key was inserted by a concurrent command that has since committed. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }
}

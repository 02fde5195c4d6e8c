package org.timeledger.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.support.RunMode;
import org.timeledger.support.StartupRefused;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * bcrypt hashes for passwords (at.favre.lib:bcrypt). Each hash or check takes a core for a
 * third of a second, so only a few run at once ({@code timeledger.password-checks}, by default
 * half the processors): a flood of logins queues for them briefly and is then answered 503
 * {@code service_busy}, instead of taking every core from everyone else (docs/reliability.md).
 */
@Singleton
public class Passwords {
    public static final int MIN_LENGTH = 10;
    // bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut
    public static final int MAX_BYTES = 72;

    private final int cost;
    private final Semaphore turns;
    private final Duration wait;
    /** Made at the first failed look-up, not at start-up, where a bcrypt hash costs a third of a second. */
    private volatile String dummyHash;

    /** Below this, stolen hashes are cheap to crack: only benchmarks go lower, never production (OWASP: 10). */
    static final int MIN_PRODUCTION_COST = 10;

    public Passwords(@Value("${timeledger.bcrypt-cost:12}") int cost, RunMode mode,
                     @Value("${timeledger.password-checks:0}") int checks,
                     @Value("${timeledger.password-check-wait:250ms}") Duration wait) {
        if (mode.production() && cost < MIN_PRODUCTION_COST) {
            throw new StartupRefused("TIMELEDGER_BCRYPT_COST is " + cost + "; TIMELEDGER_MODE=production needs "
                    + MIN_PRODUCTION_COST + " or more (12 is the default). Unset it.");
        }
        this.cost = cost;
        this.turns = new Semaphore(checks > 0 ? checks : Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
        this.wait = wait;
    }

    /**
     * A turn to hash or check passwords, taken before anything else is done for a login, so that
     * a login refused as busy has changed nothing. Answers 503 {@code service_busy} when none
     * frees up within the wait.
     */
    public Turn turn() {
        try {
            if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw RejectedException.retryLater(Refusal.SERVICE_BUSY,
                        "Many people are signing in at this moment; try again in a second.", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to check a password", e);
        }
        return new Turn();
    }

    /** One turn: its checks run on the caller's thread; closing it lets the next login in. */
    public final class Turn implements AutoCloseable {
        private boolean closed;

        private Turn() {
        }

        public boolean matches(String password, String hash) {
            if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                return false;
            }
            return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
        }

        /** Spends the time of one check, so that an unknown username answers as slowly as a known one. */
        public void spendCheckTime(String password) {
            String dummy = dummyHash;
            if (dummy == null) {
                dummy = BCrypt.withDefaults().hashToString(cost, "a password nobody has".toCharArray()); // two threads may both make one: harmless
                dummyHash = dummy;
            }
            matches(password, dummy);
        }

        public String hash(String password) {
            return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                turns.release();
            }
        }
    }

    /** A new password's hash, in a turn of its own. */
    public String hash(String password) {
        try (Turn turn = turn()) {
            return turn.hash(password);
        }
    }

    public boolean matches(String password, String hash) {
        try (Turn turn = turn()) {
            return turn.matches(password, hash);
        }
    }

    /** Why a new password is not acceptable, or null when it is. */
    public static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes in UTF-8: " + MAX_BYTES
                    + " plain letters, digits and signs, fewer with accented letters or other scripts";
        }
        return null;
    }
}

package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.timeledger.access.LoginFailureStore.Failure;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Failed logins per username and client address, kept in the database so that every instance
 * counts them, and the delay they impose (docs/reliability.md, "Rate limits"): the first
 * {@value #FREE} failures within a day cost nothing; after that each attempt from that address
 * for that username waits for a delay after the last failure, 30 seconds doubling with every
 * failure up to {@code timeledger.login-lockout-window} (15 minutes). Failures from one address
 * never slow anyone down at another, so a stranger guessing at a username cannot lock its owner out.
 */
@Singleton
public class LoginFailures {
    static final int FREE = 3;
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    /** More failures than this show the longest delay anyway: no need to read them all. */
    static final int LOOK_BACK = 20;

    private final LoginFailureStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration longestDelay;
    private final Duration memory;

    public LoginFailures(LoginFailureStore store, Transactions transactions, Clock clock,
                         @Value("${timeledger.login-lockout-window:15m}") Duration longestDelay,
                         @Value("${timeledger.login-failure-memory:24h}") Duration memory) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.longestDelay = longestDelay;
        this.memory = memory;
    }

    /** The failures remembered for a username from an address, newest first (at most {@value #LOOK_BACK}). */
    public List<Failure> recent(String username, String address, Instant now) {
        return store.recent(username, address, now.minus(memory), LOOK_BACK);
    }

    /**
     * The whole seconds an attempt at {@code now} must still wait, after these earlier failures
     * (newest first); empty when it may go ahead.
     */
    public OptionalLong wait(List<Failure> earlier, Instant now) {
        if (earlier.size() < FREE) {
            return OptionalLong.empty();
        }
        Instant next = earlier.get(0).at().plus(delayAfter(earlier.size()));
        long millis = Duration.between(now, next).toMillis();
        return millis <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (millis + 999) / 1000));
    }

    /** The delay after {@code failures} failures ({@value #FREE} or more): 30 s, 1 min, 2 min, ... up to the longest. */
    Duration delayAfter(int failures) {
        int doublings = Math.min(failures - FREE, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(longestDelay) > 0 ? longestDelay : delay;
    }

    public void record(String attemptId, String username, String address, Instant at) {
        store.insert(attemptId, username, address, at);
    }

    /** Takes back an attempt that turned out not to count (it had to wait, so was never checked). */
    public void withdraw(String attemptId) {
        store.delete(attemptId);
    }

    /** Forgets a username's failures from every address: its password was just set anew. */
    public void clear(String username) {
        store.deleteOf(username);
    }

    /** Forgets a username's failures from one address: someone there just logged in. */
    public void clear(String username, String address) {
        store.deleteOf(username, address);
    }

    /** Forgets failures that no longer count, so that guessing at many usernames does not fill the table. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void forgetOldFailures() {
        Instant before = clock.instant().minus(memory);
        transactions.write(() -> {
            store.deleteUpTo(before);
            return null;
        });
    }
}

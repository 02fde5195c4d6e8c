package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed logins per username, kept in the database so that every instance counts them. An
 * attempt is recorded before its password is checked and withdrawn if it succeeds.
 */
@Singleton
public class LoginFailures {
    private final LoginFailureStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration window;

    public LoginFailures(LoginFailureStore store, Transactions transactions, Clock clock,
                         @Value("${timeledger.login-lockout-window:15m}") Duration window) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    /** The latest failures after {@code since}, newest first, at most {@code limit}. */
    public List<Instant> recent(String username, Instant since, int limit) {
        return store.recent(username, since, limit);
    }

    public void record(String attemptId, String username, Instant at) {
        store.insert(attemptId, username, at);
    }

    /** Takes back an attempt that turned out not to count (it was over the limit, so never checked). */
    public void withdraw(String attemptId) {
        store.delete(attemptId);
    }

    public void clear(String username) {
        store.deleteOf(username);
    }

    /** Forgets failures that no longer count, so that guessing at many usernames does not fill the table. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void forgetOldFailures() {
        Instant before = clock.instant().minus(window);
        transactions.write(() -> {
            store.deleteUpTo(before);
            return null;
        });
    }
}

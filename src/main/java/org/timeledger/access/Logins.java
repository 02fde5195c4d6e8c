package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import org.timeledger.ledger.RejectedException;
import org.timeledger.ledger.Rejection;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Logging in with a username and password. After {@value #MAX_FAILURES} failures for a username
 * within the window (15 minutes), further attempts are refused with 429 and not even checked,
 * until the oldest of those failures leaves the window.
 */
@Singleton
public class Logins {
    static final int MAX_FAILURES = 5;

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginFailures failures;
    private final Principals principals;
    private final AccessRefreshTokenGenerator tokens;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration window;

    public Logins(UserRepository users, Passwords passwords, LoginFailures failures, Principals principals,
                  AccessRefreshTokenGenerator tokens, Transactions transactions, Clock clock,
                  @Value("${timeledger.login-lockout-window:15m}") Duration window) {
        this.users = users;
        this.passwords = passwords;
        this.failures = failures;
        this.principals = principals;
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    public AccessRefreshToken login(String username, String password) {
        Instant now = clock.instant();
        List<Instant> recent = transactions.read(() -> failures.recent(username, now.minus(window), MAX_FAILURES));
        if (recent.size() >= MAX_FAILURES) {
            Instant retry = recent.get(MAX_FAILURES - 1).plus(window);
            long seconds = Math.max(1, (Duration.between(now, retry).toMillis() + 999) / 1000);
            throw RejectedException.retryLater(Rejection.TOO_MANY_ATTEMPTS, "Too many failed logins for this username. "
                    + "Try again in " + (seconds + 59) / 60 + " minute(s), or ask a coordinator to reset the password.", seconds);
        }
        Optional<AppUser> user = users.findByUsername(username);
        if (user.isEmpty() || user.get().passwordHash() == null || !passwords.matches(password, user.get().passwordHash())) {
            if (user.isEmpty() || user.get().passwordHash() == null) {
                passwords.spendCheckTime(password);
            }
            transactions.write(() -> {
                failures.record(username, now, now.minus(window));
                return null;
            });
            throw new RejectedException(Rejection.UNAUTHORIZED, "Wrong username or password.");
        }
        transactions.write(() -> {
            failures.clear(username);
            return null;
        });
        Authentication authentication = principals.of(user.get());
        return tokens.generate(authentication)
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
    }
}

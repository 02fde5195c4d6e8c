package org.timeledger.access;

import org.timeledger.problem.Refusal;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.support.Ids;
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
 *
 * <p>Each attempt is first recorded as a failure (and committed), then counted: an attempt that
 * finds more than the limit withdraws itself unchecked. So however many attempts arrive at once,
 * at most {@value #MAX_FAILURES} passwords are checked per window. A success clears the record.
 */
@Singleton
public class Logins {
    static final int MAX_FAILURES = 5;

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginFailures failures;
    private final Principals principals;
    private final PartyService parties;
    private final AccessRefreshTokenGenerator tokens;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration window;

    public Logins(UserRepository users, Passwords passwords, LoginFailures failures, Principals principals,
                  PartyService parties, AccessRefreshTokenGenerator tokens, Transactions transactions, Clock clock,
                  @Value("${timeledger.login-lockout-window:15m}") Duration window) {
        this.users = users;
        this.passwords = passwords;
        this.failures = failures;
        this.principals = principals;
        this.parties = parties;
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    public AccessRefreshToken login(String typedUsername, String password) {
        String username = Usernames.normalise(typedUsername);
        Instant now = clock.instant();
        Instant since = now.minus(window);
        refuseIfLockedOut(transactions.read(() -> failures.recent(username, since, MAX_FAILURES)), now);

        String attempt = Ids.newId("att");
        transactions.write(() -> {
            failures.record(attempt, username, now);
            return null;
        });
        List<Instant> counted = transactions.read(() -> failures.recent(username, since, MAX_FAILURES + 1));
        if (counted.size() > MAX_FAILURES) {
            // over the limit: refused unchecked, whatever happens to the others meanwhile
            transactions.write(() -> {
                failures.withdraw(attempt);
                return null;
            });
            List<Instant> remaining = transactions.read(() -> failures.recent(username, since, MAX_FAILURES));
            refuseIfLockedOut(remaining, now);
            throw tooMany(1); // simultaneous attempts withdrew each other: try again in a moment
        }

        Optional<AppUser> user = users.findByUsername(username);
        if (user.isEmpty() || user.get().passwordHash() == null) {
            passwords.spendCheckTime(password);
            throw wrongCredentials();
        }
        if (!passwords.matches(password, user.get().passwordHash())) {
            throw wrongCredentials();
        }
        transactions.write(() -> {
            failures.clear(username);
            return null;
        });
        // a member who left the scheme is told so, but only once their password shows it is them
        String memberId = user.get().memberId();
        if (memberId != null) {
            transactions.read(() -> parties.findMember(memberId)).filter(Member::inactive).ifPresent(member -> {
                throw Activations.inactive(member);
            });
        }
        return tokens.generate(principals.of(user.get()))
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
    }

    private void refuseIfLockedOut(List<Instant> newestFirst, Instant now) {
        if (newestFirst.size() < MAX_FAILURES) {
            return;
        }
        Instant retry = newestFirst.get(MAX_FAILURES - 1).plus(window);
        throw tooMany(Math.max(1, (Duration.between(now, retry).toMillis() + 999) / 1000));
    }

    private static RejectedException tooMany(long seconds) {
        return RejectedException.retryLater(Refusal.TOO_MANY_ATTEMPTS, "Too many failed logins for this username. "
                + "Try again in " + (seconds + 59) / 60 + " minute(s), or ask a coordinator to reset the password.", seconds);
    }

    private static RejectedException wrongCredentials() {
        return new RejectedException(Refusal.UNAUTHORIZED, "Wrong username or password.");
    }
}

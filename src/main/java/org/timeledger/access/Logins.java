package org.timeledger.access;

import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import org.timeledger.access.LoginFailureStore.Failure;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Logging in with a username and password (docs/reliability.md, "Rate limits"). Failures are
 * counted per username and client address ({@link LoginFailures}): after a few, that address
 * waits longer and longer between attempts at that username, and is answered 429 with
 * Retry-After, unchecked, meanwhile. Another address is not slowed down.
 *
 * <p>In order: a read finds whether the address must wait (no write, no password check); a turn
 * to check a password is taken (503 when none is free, nothing written); the attempt is recorded
 * as a failure (and committed), then the failures are counted again: an attempt that finds it
 * should have waited withdraws itself unchecked, so however many attempts arrive at once, no more
 * than the delays allow are checked. A success clears that address's failures and starts a login.
 */
@Singleton
public class Logins {
    private final UserRepository users;
    private final Passwords passwords;
    private final LoginFailures failures;
    private final Sessions sessions;
    private final Principals principals;
    private final PartyService parties;
    private final AccessRefreshTokenGenerator tokens;
    private final Transactions transactions;
    private final Clock clock;

    public Logins(UserRepository users, Passwords passwords, LoginFailures failures, Sessions sessions, Principals principals,
                  PartyService parties, AccessRefreshTokenGenerator tokens, Transactions transactions, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.failures = failures;
        this.sessions = sessions;
        this.principals = principals;
        this.parties = parties;
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
    }

    public AccessRefreshToken login(String typedUsername, String password, String address) {
        String username = Usernames.normalise(typedUsername);
        Instant now = clock.instant();
        refuseIfWaiting(transactions.read(() -> failures.recent(username, address, now)), now);

        AppUser user;
        String loginId;
        try (Passwords.Turn turn = passwords.turn()) {
            String attempt = Ids.newId("att");
            transactions.write(() -> {
                failures.record(attempt, username, address, now);
                return null;
            });
            List<Failure> earlier = transactions.read(() -> failures.recent(username, address, now)).stream()
                    .filter(f -> !f.id().equals(attempt)).toList();
            OptionalLong wait = failures.wait(earlier, now);
            if (wait.isPresent()) {
                // it should have waited (an attempt arrived meanwhile): refused unchecked
                transactions.write(() -> {
                    failures.withdraw(attempt);
                    return null;
                });
                throw tooMany(wait.getAsLong());
            }

            Optional<AppUser> found = users.findByUsername(username);
            if (found.isEmpty() || found.get().passwordHash() == null) {
                turn.spendCheckTime(password);
                throw wrongCredentials();
            }
            if (!turn.matches(password, found.get().passwordHash())) {
                throw wrongCredentials();
            }
            user = found.get();
        }
        // a member who left the scheme is told so, but only once their password shows it is them
        String memberId = user.memberId();
        if (memberId != null) {
            transactions.read(() -> parties.findMember(memberId)).filter(Member::inactive).ifPresent(member -> {
                throw Activations.inactive(member);
            });
        }
        loginId = transactions.write(() -> {
            failures.clear(username, address);
            return sessions.start(user.id(), now);
        });
        return tokens.generate(principals.of(user, loginId))
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
    }

    private void refuseIfWaiting(List<Failure> newestFirst, Instant now) {
        OptionalLong wait = failures.wait(newestFirst, now);
        if (wait.isPresent()) {
            throw tooMany(wait.getAsLong());
        }
    }

    private static RejectedException tooMany(long seconds) {
        String when = seconds < 60 ? seconds + " second" + (seconds == 1 ? "" : "s")
                : (seconds + 59) / 60 + " minute" + ((seconds + 59) / 60 == 1 ? "" : "s");
        return RejectedException.retryLater(Refusal.TOO_MANY_ATTEMPTS, "Too many failed logins for this username from "
                + "this device. Try again in " + when + ", or ask a coordinator to reset the password.", seconds);
    }

    private static RejectedException wrongCredentials() {
        return new RejectedException(Refusal.UNAUTHORIZED, "Wrong username or password.");
    }
}

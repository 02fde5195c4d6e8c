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
import java.util.function.Function;
import java.util.function.Supplier;

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
        AppUser user = check(username, password, address, now, Logins::wrongCredentials, turn -> null).user();
        // a member who left the scheme, or staff who were deactivated, are told so, but only once
        // their password shows it is them: the answer tells a stranger nothing about usernames
        String memberId = user.memberId();
        if (memberId != null) {
            transactions.read(() -> parties.findMember(memberId)).filter(Member::inactive).ifPresent(member -> {
                throw Activations.inactive(member);
            });
        }
        if (user.inactive()) {
            throw StaffManagement.inactive(user);
        }
        String loginId = transactions.write(() -> {
            failures.clear(username, address);
            return sessions.start(user.id(), now);
        });
        return tokens.generate(principals.of(user, loginId))
                .orElseThrow(() -> new IllegalStateException("no access token could be generated"));
    }

    /** A user whose password was checked, and what was done for them while the turn was held. */
    record Checked<T>(AppUser user, T done) {
    }

    /**
     * Checks a user's password as a login does (the class comment): the wait first, then a turn,
     * the attempt recorded as a failure before the check, withdrawn unchecked if it should have
     * waited. A wrong password (or an unknown username, which costs as much) stays counted and is
     * answered {@code wrong}; with the right one, {@code then} runs while the turn is still held
     * (hashing a new password, say). The failure recorded stays until the caller clears it.
     */
    <T> Checked<T> check(String username, String password, String address, Instant now,
                         Supplier<RejectedException> wrong, Function<Passwords.Turn, T> then) {
        refuseIfWaiting(transactions.read(() -> failures.recent(username, address, now)), now);
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

            Optional<AppUser> found = transactions.read(() -> users.findByUsername(username));
            if (found.isEmpty() || found.get().passwordHash() == null) {
                turn.spendCheckTime(password);
                throw wrong.get();
            }
            if (!turn.matches(password, found.get().passwordHash())) {
                throw wrong.get();
            }
            return new Checked<>(found.get(), then.apply(turn));
        }
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
                + "this device. Try again in " + when + ". If you have forgotten your password: a member asks their "
                + "coordinator for a new activation code; staff ask their scheme's administrator for a password reset code.",
                seconds);
    }

    private static RejectedException wrongCredentials() {
        return new RejectedException(Refusal.UNAUTHORIZED, "Wrong username or password.");
    }
}

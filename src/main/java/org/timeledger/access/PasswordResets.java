package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Passwords set anew: a staff user who forgot theirs gets a one-time reset code from an
 * administrator, as a member gets a new activation code (docs/api-guide.md, "Managing staff");
 * anyone signed in changes their own. Each ends every session of the person at its next request.
 *
 * <p>A reset code is 12 characters like an activation code, stored as a hash, valid for
 * {@code timeledger.password-reset-code-validity} (3 days), used once; a newer code replaces it.
 * Issuing one also disables the old password (it may be what was lost). Redeeming checks the
 * code first, then that it is the named user's, both on reads, before any password is hashed:
 * a refused request costs no bcrypt hash, and a code refused {@value #MAX_REFUSALS} times (a
 * username that is not its user's) stops working, so it cannot be used to probe usernames.
 */
@Singleton
public class PasswordResets {
    static final int MAX_REFUSALS = 5;

    private final AuditTrail audit;
    private final StaffManagement staff;
    private final PasswordResetStore store;
    private final UserRepository users;
    private final Passwords passwords;
    private final Logins logins;
    private final LoginFailures loginFailures;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration validity;

    public PasswordResets(AuditTrail audit, StaffManagement staff, PasswordResetStore store, UserRepository users, Passwords passwords,
                          Logins logins, LoginFailures loginFailures, Transactions transactions, Clock clock,
                          @Value("${timeledger.password-reset-code-validity:3d}") Duration validity) {
        this.audit = audit;
        this.staff = staff;
        this.store = store;
        this.users = users;
        this.passwords = passwords;
        this.logins = logins;
        this.loginFailures = loginFailures;
        this.transactions = transactions;
        this.clock = clock;
        this.validity = validity;
    }

    /** A code as issued: the only time its text exists outside the staff user's hands. */
    public record Issued(AppUser user, String code, Instant expiresAt) {
    }

    /**
     * Issues a staff user a reset code, in one transaction: older unused codes lapse, the old
     * password stops working, and every session ends. Not for yourself (change your own
     * password instead), nor for a deactivated user (reactivate them first).
     */
    public Issued issue(Caller caller, String userId) {
        return transactions.write(() -> {
            AppUser user = staff.lock(caller, userId).user();
            if (user.id().equals(caller.principalId())) {
                throw RejectedException.ruleViolated(StaffManagement.OWN_LOGIN, "You cannot give yourself a reset code: "
                        + "change your own password instead (you need your current one), or ask another administrator.");
            }
            if (user.inactive()) {
                throw new RejectedException(Refusal.STAFF_INACTIVE, user.username() + " was deactivated: reactivate them "
                        + "first, then give them a reset code.");
            }
            Instant now = Clocks.now(clock);
            store.supersede(user.id(), now);
            users.disableLogin(user.id());
            staff.endSessions(user.id());
            String code = ActivationCodes.newCode();
            Instant expires = now.plus(validity);
            store.insert(Ids.newId("pwr"), user.id(), ActivationCodes.hash(code), caller.principalId(), now, expires);
            audit.record(caller, user.schemeId(), Action.STAFF_PASSWORD_RESET, Subject.staff(user.id()),
                    Changes.of().personal("password", "the old one", "none until the code is used"));
            return new Issued(user, code, expires);
        });
    }

    /** A staff user sets a new password with their reset code (no sign-in needed). */
    public void redeem(String typedUsername, String code, String newPassword) {
        String problem = Passwords.problemWith(newPassword);
        if (problem != null) {
            throw RejectedException.invalidField("newPassword", problem);
        }
        String username = Usernames.normalise(typedUsername);
        String hash = ActivationCodes.hash(code);
        // the code first, then whose it is, both cheap reads: a refused request costs no bcrypt hash
        PasswordResetStore.Usable usable = hash == null ? null
                : transactions.read(() -> store.findUsable(hash, clock.instant())).orElse(null);
        if (usable == null) {
            throw invalidCode();
        }
        AppUser owner = transactions.read(() -> users.findById(usable.userId())).orElseThrow();
        if (!owner.username().equals(username)) {
            throw refuse(usable.id());
        }
        String passwordHash = passwords.hash(newPassword);
        transactions.write(() -> {
            PasswordResetStore.Usable found = store.findUsable(hash, clock.instant()).orElse(null);
            // of two simultaneous resets with one code, one marks it used and the other finds it used
            if (found == null || !store.markUsed(found.id(), Clocks.now(clock))) {
                throw invalidCode();
            }
            AppUser user = users.findById(found.userId()).orElseThrow();
            if (user.inactive()) {
                throw StaffManagement.inactive(user);
            }
            users.updateLogin(user.id(), user.username(), passwordHash);
            staff.endSessions(user.id());
            recordPasswordChanged(new Caller(user.id(), Role.valueOf(user.role()), user.schemeId(), java.util.Set.of(),
                    user.memberId(), null), user);
            // a new password lifts a lockout: the lockout message told them to ask for exactly this
            loginFailures.clear(user.username());
            return null;
        });
    }

    /**
     * Changes the caller's own password. The current one is checked as a login checks it (a
     * wrong one counts towards the same lockout, per username and address); the new one must
     * keep the rules a new password keeps. Every session of theirs ends, this one included: they
     * sign in again with the new password.
     */
    public void changeOwn(Caller caller, String currentPassword, String newPassword, String address) {
        String problem = Passwords.problemWith(newPassword);
        if (problem != null) {
            throw RejectedException.invalidField("newPassword", problem);
        }
        AppUser me = transactions.read(() -> users.findById(caller.principalId()))
                .orElseThrow(() -> new RejectedException(Refusal.UNAUTHORIZED, "Sign in again."));
        Instant now = clock.instant();
        String newHash = logins.check(me.username(), currentPassword, address, now,
                () -> RejectedException.invalidField("currentPassword", "is not your current password; if you have "
                        + "forgotten it, staff ask their scheme's administrator for a reset code, members their coordinator "
                        + "for a new activation code"),
                turn -> turn.hash(newPassword)).done();
        transactions.write(() -> {
            AppUser user = users.findById(me.id()).orElseThrow();
            users.updateLogin(user.id(), user.username(), newHash);
            staff.endSessions(user.id());
            recordPasswordChanged(caller, user);
            loginFailures.clear(user.username());
            return null;
        });
    }

    /**
     * The audit log's row for a password set by its owner (with a reset code, or their current
     * password): a staff user's, or a member's login; the administrator of every scheme has no
     * scheme, and so no log.
     */
    private void recordPasswordChanged(Caller who, AppUser user) {
        if (user.schemeId() == null) {
            return;
        }
        Subject subject = user.memberId() != null ? Subject.member(user.memberId()) : Subject.staff(user.id());
        audit.record(who, user.schemeId(), Action.PASSWORD_CHANGED, subject, Changes.of().personal("password", "old", "new"));
    }

    /** Counts a refusal against the code: after {@value #MAX_REFUSALS} it stops working. */
    private RejectedException refuse(String codeId) {
        boolean spent = transactions.write(() -> store.refuse(codeId, MAX_REFUSALS, Clocks.now(clock)));
        if (spent) {
            return new RejectedException(Refusal.PASSWORD_RESET_CODE_INVALID, "This reset code does not go with that "
                    + "username, and it has now been refused " + MAX_REFUSALS + " times, so it no longer works. Ask your "
                    + "scheme's administrator for a new one.");
        }
        return invalidCode();
    }

    private static RejectedException invalidCode() {
        return new RejectedException(Refusal.PASSWORD_RESET_CODE_INVALID, "This reset code is not valid for that "
                + "username: it may be mistyped, used already, replaced by a newer one, or too old. Check the username "
                + "and the code, or ask your scheme's administrator for a new code.");
    }
}

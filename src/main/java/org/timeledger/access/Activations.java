package org.timeledger.access;

import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import org.timeledger.support.Clocks;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeRequests;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;

/**
 * How members get in. Registering a member issues a one-time activation code (valid 14 days,
 * stored hashed); the member activates with it, choosing a username and password. A new code
 * (for a forgotten password) supersedes older ones, disables the current password and signs
 * the member out of every device.
 */
@Singleton
public class Activations {
    /** Taken usernames an activation code is refused before it stops working. */
    static final int MAX_REFUSALS = 5;

    private final ActivationStore store;
    private final PartyService parties;
    private final UserRepository users;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final LoginFailures loginFailures;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration validity;

    public Activations(ActivationStore store, PartyService parties, UserRepository users, Passwords passwords,
                       RefreshTokens refreshTokens, LoginFailures loginFailures, AuditTrail audit, Transactions transactions,
                       Clock clock, @Value("${timeledger.activation-code-validity:14d}") Duration validity) {
        this.audit = audit;
        this.loginFailures = loginFailures;
        this.store = store;
        this.parties = parties;
        this.users = users;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.transactions = transactions;
        this.clock = clock;
        this.validity = validity;
    }

    /** A code as issued: the only time its text exists outside the member's hands. */
    public record Issued(String code, Instant expiresAt) {
    }

    public record Registered(Member member, Issued activation) {
    }

    /** Registers a member and issues their first activation code, in one transaction. */
    public Registered registerMember(Caller caller, Scheme scheme, SchemeRequests.RegisterMember request) {
        return transactions.write(() -> {
            Member member = parties.insertMember(scheme, request, caller.principalId());
            audit.record(caller, scheme.id(), Action.MEMBER_REGISTERED, Subject.member(member.id()), Changes.of()
                    .personal("displayName", null, member.displayName())
                    .field("ward", null, member.ward())
                    .personal("cardNumber", null, member.cardNumber()));
            return new Registered(member, insertCode(caller, member));
        });
    }

    /** A new code for a member who lost theirs or forgot their password. */
    public Issued reissue(Caller caller, Member member) {
        if (member.erased()) {
            throw PartyService.erased(member);
        }
        if (member.inactive()) {
            throw inactive(member);
        }
        return transactions.write(() -> {
            store.supersede(member.id(), now());
            users.findByMemberId(member.id()).ifPresent(user -> {
                users.disableLogin(user.id());
                users.endSessions(user.id());
                refreshTokens.revokeAllOf(user.id());
            });
            Issued issued = insertCode(caller, member);
            audit.record(caller, member.schemeId(), Action.ACTIVATION_CODE_ISSUED, Subject.member(member.id()),
                    Changes.of().field("activationCodeExpiresAt", null, issued.expiresAt()));
            return issued;
        });
    }

    /** The member's login after activation. */
    public record Activated(String memberId, String username) {
    }

    public Activated activate(String code, String typedUsername, String password) {
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw RejectedException.invalidField("password", problem);
        }
        String username = Usernames.normalise(typedUsername);
        String hash = ActivationCodes.hash(code);
        // the code first, then the username, both cheap reads: a refused request costs no bcrypt hash,
        // and a wrong code tells nothing about usernames
        ActivationStore.Usable usable = hash == null ? null : transactions.read(() -> store.findUsable(hash, clock.instant()))
                .orElse(null);
        if (usable == null) {
            throw invalidCode();
        }
        if (transactions.read(() -> takenByAnother(usable.memberId(), username))) {
            throw refuseTaken(usable.id(), username);
        }
        String passwordHash = passwords.hash(password);
        try {
            return transactions.write(() -> {
                String memberId = claimCode(hash);
                if (memberId == null) {
                    throw invalidCode();
                }
                Member member = parties.findMember(memberId).orElseThrow();
                if (member.inactive()) {
                    throw inactive(member);
                }
                AppUser existing = users.findByMemberId(memberId).orElse(null);
                if (takenByAnother(memberId, username)) {
                    throw usernameTaken(username); // taken meanwhile: the code stays as it was
                }
                if (existing == null) {
                    users.save(AppUser.create(Ids.newId("usr"), username, passwordHash, Role.MEMBER.name(), member.schemeId(),
                            memberId, now()));
                } else {
                    users.updateLogin(existing.id(), username, passwordHash);
                    users.endSessions(existing.id());
                    refreshTokens.revokeAllOf(existing.id());
                    loginFailures.clear(existing.username());
                }
                // a new password lifts a lockout: the member was told to ask for exactly this
                loginFailures.clear(username);
                return new Activated(memberId, username);
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw usernameTaken(username);
            }
            throw e;
        }
    }

    /** Whether the username belongs to a login other than the member's own. */
    private boolean takenByAnother(String memberId, String username) {
        AppUser existing = users.findByMemberId(memberId).orElse(null);
        return !(existing != null && existing.username().equals(username)) && users.existsByUsername(username);
    }

    /**
     * Counts a refusal against the code: after {@value #MAX_REFUSALS} it stops working, so that one
     * code cannot be used to find out which usernames exist.
     */
    private RejectedException refuseTaken(String codeId, String username) {
        boolean spent = transactions.write(() -> store.refuse(codeId, MAX_REFUSALS, now()));
        if (spent) {
            return new RejectedException(Refusal.USERNAME_TAKEN, "The username '" + username + "' is taken, and this "
                    + "activation code has now been refused " + MAX_REFUSALS + " times, so it no longer works. "
                    + "Ask your coordinator for a new one.");
        }
        return usernameTaken(username);
    }

    /** Marks a valid code used and returns its member; null when there is no such usable code. */
    private String claimCode(String hash) {
        ActivationStore.Usable found = store.findUsable(hash, clock.instant()).orElse(null);
        if (found == null) {
            return null;
        }
        // of two simultaneous activations with one code, one marks it used and the other finds it used
        return store.markUsed(found.id(), now()) ? found.memberId() : null;
    }

    private Issued insertCode(Caller caller, Member member) {
        String code = ActivationCodes.newCode();
        Instant now = now();
        Instant expires = now.plus(validity);
        store.insert(Ids.newId("act"), member.id(), ActivationCodes.hash(code), caller.principalId(), now, expires);
        return new Issued(code, expires);
    }

    private Instant now() {
        return Clocks.now(clock);
    }

    private static RejectedException invalidCode() {
        return new RejectedException(Refusal.ACTIVATION_CODE_INVALID, "This activation code is not valid: it may be "
                + "mistyped, used already, replaced by a newer one, or older than 14 days. Ask your coordinator for a new one.");
    }

    private static RejectedException usernameTaken(String username) {
        return new RejectedException(Refusal.USERNAME_TAKEN, "The username '" + username + "' is taken; choose another.");
    }

    /** What a member who left the scheme is refused: logging in, a new code, their card. */
    public static RejectedException inactive(Member member) {
        return new RejectedException(Refusal.MEMBER_INACTIVE, member.displayName() + " has left the scheme, so they cannot "
                + "log in or use their card. A coordinator or an administrator can mark them as back.");
    }

    /**
     * A member who left the scheme gets in no more, on the caller's transaction: an activation
     * code not yet used stops working, and every session of their login ends at its next
     * request (its refresh tokens too); their username and password stay, for their return.
     */
    public void endAccessOf(String memberId) {
        store.supersede(memberId, now());
        users.findByMemberId(memberId).ifPresent(user -> {
            users.endSessions(user.id());
            refreshTokens.revokeAllOf(user.id());
        });
    }

    /**
     * An erased member gets in no more, on the caller's transaction: an activation code not yet
     * used (say, in the welcome letter) stops working, a staff user who named them as their own
     * member record forgets it, and their login loses its username and password, its sessions
     * and its refresh tokens.
     */
    public void forgetMember(String memberId) {
        store.supersede(memberId, now());
        users.findByOwnMemberId(memberId).forEach(staff -> users.updateOwnMember(staff.id(), null));
        users.findByMemberId(memberId).ifPresent(user -> {
            users.updateLogin(user.id(), "erased-" + memberId.toLowerCase(java.util.Locale.ROOT), null);
            users.endSessions(user.id());
            refreshTokens.revokeAllOf(user.id());
        });
    }
}

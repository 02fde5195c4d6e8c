package org.timeledger.access;

import org.timeledger.support.Text;
import jakarta.inject.Singleton;
import org.timeledger.access.AccessViews.StaffView;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A scheme's administrators manage its staff: the list, a change of role or organisations,
 * deactivating someone who left and reactivating them (docs/api-guide.md, "Managing staff").
 * Each change is one method in one transaction. Every change that takes effect ends the staff
 * user's sessions at their next request (their role and organisations travel in their tokens).
 *
 * <p>Two rules hold whoever asks: nobody changes their own role or deactivates themselves (rule
 * {@code own_login}), and a scheme's last active administrator is never demoted or deactivated
 * (409 {@code last_administrator}). Every change first locks the rows of the scheme's
 * administrators, then the staff user's: two changes at once queue, and neither can count on an
 * administrator the other is removing.
 */
@Singleton
public class StaffManagement {
    /** Refusals of what only another administrator may do to you. */
    public static final String OWN_LOGIN = "own_login";

    private final AuditTrail audit;
    private final UserRepository users;
    private final StaffStore store;
    private final PasswordResetStore resets;
    private final RefreshTokens refreshTokens;
    private final PartyService parties;
    private final SchemeService schemes;
    private final Transactions transactions;
    private final Clock clock;

    public StaffManagement(AuditTrail audit, UserRepository users, StaffStore store, PasswordResetStore resets, RefreshTokens refreshTokens,
                           PartyService parties, SchemeService schemes, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.users = users;
        this.store = store;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.parties = parties;
        this.schemes = schemes;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The scheme's staff in the order they were created, all or those {@code ACTIVE} or {@code INACTIVE}. */
    public Page<StaffView> list(Scheme scheme, String status, String cursor, Integer limit) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        Boolean active = status(status);
        return transactions.read(() -> Page.fetch(size, rows -> store.page(scheme.id(), active, after, rows), id -> id,
                id -> view(users.findById(id).orElseThrow(), scheme.code())));
    }

    private static Boolean status(String status) {
        if (status == null || Text.isBlank(status)) {
            return null;
        }
        return switch (Text.strip(status).toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> true;
            case "INACTIVE" -> false;
            default -> throw RejectedException.invalidField("status", "must be ACTIVE or INACTIVE");
        };
    }

    /**
     * Changes a staff user's role, organisations or both. A coordinator needs at least one
     * organisation of the scheme: one who stays a coordinator keeps theirs unless new ones are
     * given, and someone made a coordinator must be given theirs. Other roles have none, and
     * lose theirs when they stop coordinating. A change that changes nothing ends no session.
     */
    public StaffView change(Caller caller, String userId, AccessRequests.ChangeStaff request) {
        return transactions.write(() -> {
            Locked locked = lock(caller, userId);
            AppUser user = locked.user();
            Role before = Role.valueOf(user.role());
            Role role = request.role() == null ? before : Role.valueOf(request.role().name());
            List<String> organisationsBefore = users.organisationsOf(user.id());
            List<String> organisations = organisations(user, role, before, organisationsBefore, request.organisationIds());
            if (role != before && user.id().equals(caller.principalId())) {
                throw RejectedException.ruleViolated(OWN_LOGIN, "You cannot change your own role: another administrator "
                        + "of the scheme must.");
            }
            if (before == Role.ADMIN && role != Role.ADMIN && !user.inactive()) {
                refuseIfLast(locked, user, "made " + article(role) + " " + words(role));
            }
            boolean changed = role != before || !organisations.equals(organisationsBefore);
            if (changed) {
                store.changeRole(user.id(), role);
                store.replaceOrganisations(user.id(), organisations);
                endSessions(user.id());
                audit.record(caller, user.schemeId(), Action.STAFF_UPDATED, Subject.staff(user.id()), Changes.of()
                        .field("role", before, role)
                        .field("organisationIds", joined(organisationsBefore), joined(organisations)));
            }
            return view(users.findById(user.id()).orElseThrow(), schemes.codeOf(user.schemeId()));
        });
    }

    /**
     * Deactivates a staff user who left: they cannot log in, their sessions end at their next
     * request, a password reset code not yet used stops working. Their username, password and
     * what they did stay. Deactivating someone already deactivated changes nothing (the first
     * date and reason stand).
     */
    public StaffView deactivate(Caller caller, String userId, String reason) {
        return transactions.write(() -> {
            Locked locked = lock(caller, userId);
            AppUser user = locked.user();
            if (user.id().equals(caller.principalId())) {
                throw RejectedException.ruleViolated(OWN_LOGIN, "You cannot deactivate yourself: another administrator "
                        + "of the scheme must.");
            }
            if (!user.inactive()) {
                if (Role.ADMIN.name().equals(user.role())) {
                    refuseIfLast(locked, user, "deactivated");
                }
                store.deactivate(user.id(), Clocks.now(clock), Text.strip(reason));
                audit.record(caller, user.schemeId(), Action.STAFF_DEACTIVATED, Subject.staff(user.id()), Changes.of()
                        .field("status", "ACTIVE", "INACTIVE").personal("reason", null, Text.strip(reason)));
            }
            resets.supersede(user.id(), Clocks.now(clock));
            endSessions(user.id());
            return view(users.findById(user.id()).orElseThrow(), schemes.codeOf(user.schemeId()));
        });
    }

    /**
     * Reactivates a deactivated staff user: they log in with the password they had (sessions
     * ended when they were deactivated stay ended). Reactivating an active one changes nothing.
     */
    public StaffView reactivate(Caller caller, String userId) {
        return transactions.write(() -> {
            AppUser user = lock(caller, userId).user();
            if (user.inactive()) {
                store.reactivate(user.id());
                endSessions(user.id());
                audit.record(caller, user.schemeId(), Action.STAFF_REACTIVATED, Subject.staff(user.id()), Changes.of()
                        .field("status", "INACTIVE", "ACTIVE"));
            }
            return view(users.findById(user.id()).orElseThrow(), schemes.codeOf(user.schemeId()));
        });
    }

    /** A staff user, with the rows a change needs locked, and the scheme's active administrators. */
    record Locked(AppUser user, List<String> activeAdministrators) {
    }

    /**
     * The staff user if the caller administers their scheme (404 otherwise, as for anything the
     * caller may not see), on the caller's transaction, after locking the scheme's
     * administrators and then the user.
     */
    Locked lock(Caller caller, String userId) {
        AppUser seen = staffOf(caller, userId);
        List<String> administrators = store.lockActiveAdministrators(seen.schemeId());
        store.lock(seen.id());
        return new Locked(users.findById(seen.id()).orElseThrow(), administrators);
    }

    /** The staff user (administrator, coordinator or auditor of a scheme) if the caller administers that scheme. */
    AppUser staffOf(Caller caller, String userId) {
        return users.findById(userId)
                .filter(u -> u.schemeId() != null && caller.inScheme(u.schemeId()) && !Role.MEMBER.name().equals(u.role()))
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No staff user " + userId + "."));
    }

    private static void refuseIfLast(Locked locked, AppUser user, String what) {
        if (locked.activeAdministrators().stream().noneMatch(id -> !id.equals(user.id()))) {
            throw new RejectedException(Refusal.LAST_ADMINISTRATOR, user.username() + " is the scheme's only active "
                    + "administrator, so they cannot be " + what + ". Make someone else an administrator first.");
        }
    }

    /** The organisations the user will have after the change, checked; sorted, each once. */
    private List<String> organisations(AppUser user, Role role, Role before, List<String> current, List<String> given) {
        if (role != Role.COORDINATOR) {
            if (given != null && !given.isEmpty()) {
                throw RejectedException.invalidField("organisationIds", "only coordinators are bound to organisations");
            }
            return List.of();
        }
        List<String> wanted = given != null ? given : before == Role.COORDINATOR ? current : List.of();
        if (wanted.isEmpty()) {
            throw RejectedException.invalidField("organisationIds", "a coordinator needs at least one organisation of "
                    + "the scheme: tick the ones they act for");
        }
        for (int i = 0; i < wanted.size(); i++) {
            String id = wanted.get(i);
            boolean ours = parties.findOrganisation(id).map(o -> o.schemeId().equals(user.schemeId())).orElse(false);
            if (!ours) {
                // named as the request names it: the element of the list that is wrong
                throw RejectedException.invalidField(given != null ? "organisationIds[" + i + "]" : "organisationIds",
                        id + " is not an organisation of this scheme");
            }
        }
        return List.copyOf(new TreeSet<>(wanted));
    }

    /** Ends every session of the user at its next request, and every refresh token of theirs, on the caller's transaction. */
    void endSessions(String userId) {
        users.endSessions(userId);
        refreshTokens.revokeAllOf(userId);
    }

    StaffView view(AppUser user, String schemeCode) {
        return StaffView.of(user, schemeCode, users.organisationsOf(user.id()));
    }

    /** Ids as the audit log keeps a list: sorted, space-separated; none is null. */
    private static String joined(List<String> ids) {
        return ids.isEmpty() ? null : String.join(" ", new TreeSet<>(ids));
    }

    private static String words(Role role) {
        return switch (role) {
            case ADMIN -> "administrator";
            case COORDINATOR -> "coordinator";
            case AUDITOR -> "auditor";
            default -> role.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String article(Role role) {
        return role == Role.ADMIN || role == Role.AUDITOR ? "an" : "a";
    }

    /** What a deactivated staff user is told when their password was right. */
    public static RejectedException inactive(AppUser user) {
        return new RejectedException(Refusal.STAFF_INACTIVE, "The staff login '" + user.username() + "' was deactivated by "
                + "an administrator of the scheme, so it cannot sign in.");
    }
}

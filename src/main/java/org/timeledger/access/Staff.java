package org.timeledger.access;

import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;

/** A scheme's staff: administrators, coordinators (bound to organisations) and auditors. */
@Singleton
public class Staff {
    /** The rule that staff do nothing for their own member record on their own authority. */
    public static final String OWN_MEMBER_RECORD = "own_member_record";

    private final AuditTrail audit;
    private final UserRepository users;
    private final PartyService parties;
    private final Passwords passwords;
    private final Transactions transactions;
    private final Clock clock;

    public Staff(AuditTrail audit, UserRepository users, PartyService parties, Passwords passwords, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.users = users;
        this.parties = parties;
        this.passwords = passwords;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Created(AppUser user, List<String> organisationIds) {
    }

    /** The username of a user, by id, for showing who did something (empty for an API key or an unknown id). */
    public java.util.Optional<String> username(String userId) {
        return users.findById(userId).map(AppUser::username);
    }

    public Created create(Caller caller, Scheme scheme, AccessRequests.CreateStaff request) {
        List<String> organisations = checkedOrganisations(scheme, request);
        String ownMemberId = checkedMember(scheme, request.memberId());
        String problem = Passwords.problemWith(request.password());
        if (problem != null) {
            throw invalid("password", problem);
        }
        String username = Usernames.normalise(request.username());
        if (transactions.read(() -> users.existsByUsername(username))) {
            throw usernameTaken(username); // before the bcrypt hash, which a refused request need not cost
        }
        String hash = passwords.hash(request.password());
        try {
            return transactions.write(() -> {
                if (users.existsByUsername(username)) {
                    throw usernameTaken(username);
                }
                AppUser user = users.save(AppUser.create(Ids.newId("usr"), username, hash, request.role().name(),
                        scheme.id(), null, Clocks.now(clock)).withOwnMember(ownMemberId));
                organisations.forEach(id -> users.addOrganisation(user.id(), id));
                audit.record(caller, scheme.id(), Action.STAFF_CREATED, Subject.staff(user.id()), Changes.of()
                        .field("username", null, user.username())
                        .field("role", null, user.role())
                        .field("organisationIds", null, organisations.isEmpty() ? null : String.join(" ", organisations))
                        .field("memberId", null, ownMemberId));
                return new Created(user, organisations);
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw usernameTaken(username);
            }
            throw e;
        }
    }

    private List<String> checkedOrganisations(Scheme scheme, AccessRequests.CreateStaff request) {
        List<String> given = request.organisationIds() == null ? List.of() : request.organisationIds();
        if (request.role() == AccessRequests.StaffRole.COORDINATOR && given.isEmpty()) {
            throw invalid("organisationIds", "a coordinator needs at least one organisation");
        }
        if (request.role() != AccessRequests.StaffRole.COORDINATOR && !given.isEmpty()) {
            throw invalid("organisationIds", "only coordinators are bound to organisations");
        }
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i);
            boolean ours = parties.findOrganisation(id).map(o -> o.schemeId().equals(scheme.id())).orElse(false);
            if (!ours) {
                throw invalid("organisationIds[" + i + "]", id + " is not an organisation of this scheme");
            }
        }
        return List.copyOf(new TreeSet<>(given));
    }

    /**
     * Names (or, with null, forgets) a staff user's own member record, for staff created before
     * they volunteered or before the rule existed.
     */
    public Created linkMember(Caller caller, String userId, String memberId) {
        return transactions.write(() -> {
            AppUser user = users.findById(userId)
                    .filter(u -> u.schemeId() != null && caller.inScheme(u.schemeId()) && !Role.MEMBER.name().equals(u.role()))
                    .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No staff user " + userId + "."));
            String checked = checkedMember(user.schemeId(), memberId);
            users.updateOwnMember(user.id(), checked);
            audit.record(caller, user.schemeId(), Action.STAFF_MEMBER_LINKED, Subject.staff(user.id()),
                    Changes.of().field("memberId", user.ownMemberId(), checked));
            return new Created(user.withOwnMember(checked), users.organisationsOf(user.id()));
        });
    }

    private String checkedMember(Scheme scheme, String memberId) {
        return checkedMember(scheme.id(), memberId);
    }

    private String checkedMember(String schemeId, String memberId) {
        if (memberId == null) {
            return null;
        }
        boolean ours = parties.findMember(memberId).map(m -> m.schemeId().equals(schemeId)).orElse(false);
        if (!ours) {
            throw invalid("memberId", memberId + " is not a member of this scheme");
        }
        return memberId;
    }

    /**
     * The member record of the caller themselves: a member's own, or the one a staff user was
     * created with (null if they have none). Nobody approves credits for this member.
     */
    public String ownMemberId(Caller caller) {
        if (caller.memberId() != null) {
            return caller.memberId();
        }
        if (caller.role() == Role.PARTNER) {
            return null;
        }
        return users.findById(caller.principalId()).map(AppUser::ownMemberId).orElse(null);
    }

    /**
     * Refuses staff acting for their own member record on their own authority (a grant to
     * themselves, credits recorded for themselves, their own vetting): {@code rule_violated}
     * with {@code own_member_record}. Members acting for themselves are not staff.
     */
    public void refuseOwnRecord(Caller caller, String memberId, String action) {
        if (memberId != null && !caller.is(Role.MEMBER, Role.PARTNER) && memberId.equals(ownMemberId(caller))) {
            throw RejectedException.ruleViolated(OWN_MEMBER_RECORD, "This is your own member record; another coordinator "
                    + "or an administrator must " + action + ".");
        }
    }

    /**
     * Whether the member is also one of the staff who run this: a staff user whose own member
     * record it is, and who is an administrator, created it, or coordinates the organisation.
     */
    public boolean isStaffBehind(String memberId, String createdBy, String organisationId) {
        for (AppUser user : users.findByOwnMemberId(memberId)) {
            if (user.id().equals(createdBy) || Role.ADMIN.name().equals(user.role())
                    || users.organisationsOf(user.id()).contains(organisationId)) {
                return true;
            }
        }
        return false;
    }

    private static RejectedException invalid(String field, String message) {
        return RejectedException.invalidField(field, message);
    }

    private static RejectedException usernameTaken(String username) {
        return new RejectedException(Refusal.USERNAME_TAKEN, "The username '" + username + "' is taken; choose another.");
    }
}

package org.timeledger.membership;

import org.timeledger.support.Text;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.access.Activations;
import org.timeledger.access.Staff;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.ContactMethod;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.MemberContact;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.SchemeService;
import org.timeledger.schemes.api.SchemeViews.MemberView;
import org.timeledger.support.Clocks;
import org.timeledger.support.Transactions;
import org.timeledger.volunteering.ActivityService;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Staff keep a member's details (name, ward, how to reach them, notes) and mark them as having
 * left the scheme or as back. Each change is one method in one transaction, under the member's
 * row lock.
 *
 * <p>Who may: an administrator of the scheme, for any of its members; a coordinator, for a
 * member they registered or who has an activity (of any status, an opportunity's sign-up
 * included) with one of the coordinator's organisations. Others get 403. Nobody marks their own
 * member record as left or back (rule {@code own_member_record}). See docs/api-guide.md.
 */
@Singleton
public class MemberDetails {
    private static final Pattern PHONE = Pattern.compile("[0-9 +()\\-]+");
    private static final int MIN_PHONE_DIGITS = 6;
    // one @, something before it, a dot in what follows it, no spaces: enough to catch a mistyped address
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final Access access;
    private final Staff staff;
    private final Activations activations;
    private final PartyService parties;
    private final SchemeService schemes;
    private final ActivityService activities;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public MemberDetails(Access access, Staff staff, Activations activations, PartyService parties, SchemeService schemes,
                         ActivityService activities, AuditTrail audit, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.access = access;
        this.staff = staff;
        this.activations = activations;
        this.parties = parties;
        this.schemes = schemes;
        this.activities = activities;
        this.transactions = transactions;
        this.clock = clock;
    }

    public MemberView change(Caller caller, String memberId, MemberRequests.ChangeDetails request) {
        return transactions.write(() -> {
            Member member = managed(caller, memberId);
            if (member.erased()) {
                throw PartyService.erased(member);
            }
            MemberContact before = parties.contactOf(member.id());
            String name = request.displayName() == null ? member.displayName() : name(request.displayName());
            String ward = request.ward() == null ? member.ward() : blankToNull(request.ward());
            String phone = request.phone() == null ? before.phone() : phone(request.phone());
            String email = request.email() == null ? before.email() : email(request.email());
            String address = request.postalAddress() == null ? before.postalAddress() : blankToNull(request.postalAddress());
            ContactMethod preferred = request.preferredContact() == null ? before.preferredContact() : request.preferredContact();
            String notes = request.notes() == null ? before.notes() : blankToNull(request.notes());
            checkPreferred(preferred, phone, email, address);
            MemberContact after = new MemberContact(member.id(), phone, phone == null ? null : phone.replaceAll("[^0-9]", ""),
                    email, address, preferred, notes);
            Member changed = parties.changeDetails(member, name, ward, after);
            Changes changes = Changes.of()
                    .personal("displayName", member.displayName(), name)
                    .field("ward", member.ward(), ward)
                    .personal("phone", before.phone(), phone)
                    .personal("email", before.email(), email)
                    .personal("postalAddress", before.postalAddress(), address)
                    .field("preferredContact", before.preferredContact(), preferred)
                    .personal("notes", before.notes(), notes);
            if (!changes.isEmpty()) {
                audit.record(caller, member.schemeId(), Action.MEMBER_UPDATED, Subject.member(member.id()), changes);
            }
            return MemberView.forStaff(changed, schemes.codeOf(changed.schemeId()), after);
        });
    }

    /**
     * Marks the member as having left: their login and card stop working (sessions end at their
     * next request, unused activation codes lapse), they cannot exchange hours; their account,
     * balance and history stay. Marking someone already marked changes nothing.
     */
    public MemberView deactivate(Caller caller, String memberId, String reason) {
        return transactions.write(() -> {
            Member member = managed(caller, memberId);
            staff.refuseOwnRecord(caller, member.id(), "mark you as having left");
            if (member.erased()) {
                throw PartyService.erased(member);
            }
            Member changed = member.inactive() ? member
                    : parties.changeDeactivation(member, Clocks.now(clock), Text.strip(reason));
            if (!member.inactive()) {
                audit.record(caller, member.schemeId(), Action.MEMBER_DEACTIVATED, Subject.member(member.id()),
                        Changes.of().field("status", "ACTIVE", "INACTIVE").personal("reason", null, Text.strip(reason)));
            }
            activations.endAccessOf(member.id());
            return MemberView.forStaff(changed, schemes.codeOf(changed.schemeId()), parties.contactOf(member.id()));
        });
    }

    /** Marks a member who left as back: they log in with their password and use their card again. */
    public MemberView reactivate(Caller caller, String memberId) {
        return transactions.write(() -> {
            Member member = managed(caller, memberId);
            staff.refuseOwnRecord(caller, member.id(), "mark you as back");
            if (member.erased()) {
                throw PartyService.erased(member);
            }
            Member changed = member.inactive() ? parties.changeDeactivation(member, null, null) : member;
            if (member.inactive()) {
                audit.record(caller, member.schemeId(), Action.MEMBER_REACTIVATED, Subject.member(member.id()),
                        Changes.of().field("status", "INACTIVE", "ACTIVE"));
            }
            return MemberView.forStaff(changed, schemes.codeOf(changed.schemeId()), parties.contactOf(member.id()));
        });
    }

    /** The member, locked, if the caller may manage them (see the class comment); else 404 or 403. */
    private Member managed(Caller caller, String memberId) {
        Member seen = access.member(caller, memberId);
        Member member = parties.lockMember(seen.id()).orElseThrow();
        if (caller.is(Role.COORDINATOR) && !caller.principalId().equals(member.registeredBy())
                && !activities.hasActivityWith(member.id(), caller.organisationIds())) {
            throw new RejectedException(Refusal.FORBIDDEN, "A coordinator manages the members they registered and "
                    + "those who volunteered with their organisations; " + member.displayName()
                    + " is neither. Ask an administrator.");
        }
        return member;
    }

    private static String name(String given) {
        String name = Text.strip(given);
        if (name.isEmpty()) {
            throw RejectedException.invalidField("displayName", "cannot be blank: give the member's name");
        }
        return name;
    }

    private static String phone(String given) {
        String phone = blankToNull(given);
        if (phone == null) {
            return null;
        }
        if (!PHONE.matcher(phone).matches()) {
            throw RejectedException.invalidField("phone", "may have digits, spaces, +, - and brackets only");
        }
        if (phone.replaceAll("[^0-9]", "").length() < MIN_PHONE_DIGITS) {
            throw RejectedException.invalidField("phone", "needs at least " + MIN_PHONE_DIGITS + " digits");
        }
        return phone;
    }

    private static String email(String given) {
        String email = blankToNull(given);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw RejectedException.invalidField("email", "does not look like an email address (name@example.org)");
        }
        return email;
    }

    /** A preferred way to reach someone needs the means: a phone to phone, and so on. */
    private static void checkPreferred(ContactMethod preferred, String phone, String email, String address) {
        String missing = preferred == null ? null : switch (preferred) {
            case PHONE -> phone == null ? "phone number" : null;
            case EMAIL -> email == null ? "email address" : null;
            case POST -> address == null ? "postal address" : null;
            case NONE -> null;
        };
        if (missing != null) {
            throw RejectedException.invalidField("preferredContact", "is " + preferred + " but the member has no "
                    + missing + "; give one, or choose another way to reach them");
        }
    }

    private static String blankToNull(String s) {
        return s == null || Text.isBlank(s) ? null : Text.strip(s);
    }
}

package org.timeledger.volunteering;

import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.query.Times;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.access.Staff;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;
import org.timeledger.volunteering.VolunteeringViews.VettingCheckView;
import org.timeledger.volunteering.VolunteeringViews.VettingView;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' safeguarding checks, recorded by coordinators. Every change is a new row, so the
 * history shows who recorded what and when; the latest is the one in force.
 */
@Singleton
public class Vetting {
    private final AuditTrail audit;
    private final VettingRepository checks;
    private final Access access;
    private final SchemeService schemes;
    private final Staff staff;
    private final Transactions transactions;
    private final Clock clock;

    public Vetting(AuditTrail audit, VettingRepository checks, Access access, SchemeService schemes, Staff staff, Transactions transactions,
                   Clock clock) {
        this.audit = audit;
        this.staff = staff;
        this.checks = checks;
        this.access = access;
        this.schemes = schemes;
        this.transactions = transactions;
        this.clock = clock;
    }

    public VettingView record(Caller caller, String memberId, VolunteeringRequests.RecordVetting request) {
        return transactions.write(() -> {
            Member member = access.member(caller, memberId);
            Times.checked("checkedOn", request.checkedOn());
            Times.checked("expiresOn", request.expiresOn());
            staff.refuseOwnRecord(caller, member.id(), "record your vetting");
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            LocalDate today = scheme.today(clock.instant());
            if (request.checkedOn().isAfter(today)) {
                throw RejectedException.invalidField("checkedOn", "is after today (" + today + "); record a check once it was made");
            }
            if (request.expiresOn() != null && request.expiresOn().isBefore(request.checkedOn())) {
                throw RejectedException.invalidField("expiresOn", "is before checkedOn");
            }
            VettingCheck check = checks.save(new VettingCheck(Ids.newId("vet"), member.id(), request.status(),
                    request.checkedOn(), request.expiresOn(), caller.principalId(), Clocks.now(clock)));
            // a vetting check's outcome is sensitive personal data: recorded as changed, its dates kept
            audit.record(caller, member.schemeId(), Action.VETTING_RECORDED, Subject.member(member.id()), Changes.of()
                    .personal("status", null, check.status())
                    .field("checkedOn", null, check.checkedOn())
                    .field("expiresOn", null, check.expiresOn()));
            return view(member.id());
        });
    }

    public VettingView view(Caller caller, String memberId) {
        return transactions.read(() -> view(access.member(caller, memberId).id()));
    }

    private VettingView view(String memberId) {
        List<VettingCheck> history = checks.history(memberId);
        VettingCheck current = history.isEmpty() ? null : history.get(0);
        return new VettingView(memberId, current == null ? VettingStatus.NONE : current.status(),
                current == null ? null : current.checkedOn(), current == null ? null : current.expiresOn(),
                history.stream().map(VettingCheckView::of).toList());
    }

    /** The checks of each of these members, newest recorded first; members never checked have none. */
    Map<String, List<VettingCheck>> histories(Collection<String> memberIds) {
        Map<String, List<VettingCheck>> histories = new HashMap<>();
        if (!memberIds.isEmpty()) {
            checks.histories(memberIds).forEach(check ->
                    histories.computeIfAbsent(check.memberId(), k -> new java.util.ArrayList<>()).add(check));
        }
        return histories;
    }
}

package org.timeledger.timebank;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.access.Staff;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.FloorChange;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;
import org.timeledger.timebank.TimebankViews.LimitChange;
import org.timeledger.timebank.TimebankViews.LimitsView;

import java.util.ArrayList;
import java.util.List;

/**
 * How far into debt one member may go (mutual credit: a newcomer ten hours, a trusted member
 * twenty): their account's floor, set by an administrator within the scheme's bound, every change
 * kept with who, when and why. The ledger keeps the history as a chain reconciliation checks.
 */
@Singleton
public class MemberLimits {
    private final AuditTrail audit;
    private final Access access;
    private final SchemeService schemes;
    private final Ledger ledger;
    private final Staff staff;
    private final Transactions transactions;

    MemberLimits(AuditTrail audit, Access access, SchemeService schemes, Ledger ledger, Staff staff, Transactions transactions) {
        this.audit = audit;
        this.access = access;
        this.schemes = schemes;
        this.ledger = ledger;
        this.staff = staff;
        this.transactions = transactions;
    }

    public LimitsView set(Caller caller, String memberId, TimebankRequests.SetLimit request) {
        return transactions.write(() -> {
            Member member = access.member(caller, memberId);
            if (!caller.is(Role.ADMIN)) {
                throw new RejectedException(Refusal.FORBIDDEN, "Only an administrator of the scheme may change a member's limit.");
            }
            staff.refuseOwnRecord(caller, member.id(), "change your limit");
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            long floor = request.floorMinutes();
            if (floor < scheme.lowestMemberFloorMinutes()) {
                throw Exchanges.rule(ExchangeRule.FLOOR_BOUND, "In this scheme a member may be allowed to owe at most "
                        + Minutes.inWords(-scheme.lowestMemberFloorMinutes()) + "; owing " + Minutes.inWords(-floor)
                        + " is more than that.");
            }
            FloorChange change = ledger.changeFloor(member.accountId(), floor, Text.strip(request.reason()),
                    Actor.of(caller.principalId()));
            audit.record(caller, member.schemeId(), Action.LIMIT_CHANGED, Subject.member(member.id()), Changes.of()
                    .field("floorMinutes", change.oldFloorMinutes(), change.newFloorMinutes())
                    .field("reason", null, change.reason()));
            return view(member, scheme);
        });
    }

    public LimitsView get(Caller caller, String memberId) {
        return transactions.read(() -> {
            Member member = access.member(caller, memberId);
            return view(member, schemes.findById(member.schemeId()).orElseThrow());
        });
    }

    private LimitsView view(Member member, Scheme scheme) {
        Account account = ledger.findAccount(member.accountId()).orElseThrow();
        List<LimitChange> history = new ArrayList<>();
        for (FloorChange c : ledger.floorChanges(member.accountId())) {
            history.add(0, new LimitChange(c.oldFloorMinutes() == null ? 0 : c.oldFloorMinutes(),
                    c.newFloorMinutes() == null ? 0 : c.newFloorMinutes(), c.reason(), c.changedBy(),
                    staff.username(c.changedBy()).orElse(null), c.changedAt()));
        }
        return new LimitsView(member.id(), account.floorMinutes() == null ? 0 : account.floorMinutes(),
                scheme.memberFloorMinutes(), scheme.lowestMemberFloorMinutes(), history);
    }
}

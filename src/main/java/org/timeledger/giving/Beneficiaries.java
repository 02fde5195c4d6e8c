package org.timeledger.giving;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.support.Clocks;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Family: a member names others (an older parent, say) who may spend from the member's account
 * at a till with their own card, so credits saved now pay for a relative's support later. A
 * beneficiary can only spend there: never give the credits away.
 */
@Singleton
public class Beneficiaries {
    private final AuditTrail audit;
    private final BeneficiaryStore store;
    private final Access access;
    private final PartyService parties;
    private final Transactions transactions;
    private final Clock clock;

    public Beneficiaries(AuditTrail audit, BeneficiaryStore store, Access access, PartyService parties, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.store = store;
        this.access = access;
        this.parties = parties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Serdeable
    public record BeneficiaryView(String memberId, String firstName, Instant since) {
    }

    public BeneficiaryView add(Caller caller, String cardNumber) {
        try {
            return transactions.write(() -> name(caller, cardNumber));
        } catch (RuntimeException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            // named at the same moment from another device: that one stands, and is the answer
            return transactions.write(() -> name(caller, cardNumber));
        }
    }

    private BeneficiaryView name(Caller caller, String cardNumber) {
        Member me = access.member(caller, caller.memberId());
        String card = CardNumbers.typed(cardNumber);
        if (!CardNumbers.isValid(card)) {
            throw RejectedException.invalidField("cardNumber", CardNumbers.NOT_A_CARD);
        }
        Member beneficiary = parties.findMemberByCard(me.schemeId(), card)
                .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                        "No member of this scheme has card number " + card + "."));
        if (beneficiary.id().equals(me.id())) {
            throw RejectedException.invalidField("cardNumber", "is your own card; name someone else");
        }
        Instant now = Clocks.now(clock);
        store.add(new Beneficiary(me.id(), beneficiary.id(), now));
        audit.record(caller, me.schemeId(), Action.BENEFICIARY_NAMED, Subject.member(me.id()),
                Changes.of().field("beneficiaryId", null, beneficiary.id()));
        Beneficiary stored = store.namedBy(me.id()).stream().filter(b -> b.beneficiaryId().equals(beneficiary.id()))
                .findFirst().orElseThrow();
        return new BeneficiaryView(beneficiary.id(), firstName(beneficiary), stored.createdAt());
    }

    public void remove(Caller caller, String beneficiaryId) {
        transactions.write(() -> {
            Member me = access.member(caller, caller.memberId());
            if (!store.remove(me.id(), beneficiaryId)) {
                throw new RejectedException(Refusal.NOT_FOUND, "You have not named member " + beneficiaryId + " as a beneficiary.");
            }
            audit.record(caller, me.schemeId(), Action.BENEFICIARY_REMOVED, Subject.member(me.id()),
                    Changes.of().field("beneficiaryId", beneficiaryId, null));
            return null;
        });
    }

    public List<BeneficiaryView> mine(Caller caller) {
        return transactions.read(() -> {
            Member me = access.member(caller, caller.memberId());
            return store.namedBy(me.id()).stream().map(b -> new BeneficiaryView(b.beneficiaryId(),
                    parties.findMember(b.beneficiaryId()).map(Beneficiaries::firstName).orElse(""), b.createdAt())).toList();
        });
    }

    /** What a till or a relative is shown of a member: the first word of their name. */
    public static String firstName(Member member) {
        return firstName(member.displayName());
    }

    public static String firstName(String displayName) {
        String name = Text.strip(displayName);
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /** The members who named this one their beneficiary, on the caller's transaction. */
    public List<Member> nominators(Member beneficiary) {
        List<Member> owners = new java.util.ArrayList<>();
        for (Beneficiary named : store.naming(beneficiary.id())) {
            parties.findMember(named.memberId()).ifPresent(owners::add);
        }
        return owners;
    }

    /** An erased member names nobody and is named by nobody any more, on the caller's transaction. */
    public void forgetMember(String memberId) {
        for (Beneficiary named : store.namedBy(memberId)) {
            store.remove(memberId, named.beneficiaryId());
        }
        for (Beneficiary naming : store.naming(memberId)) {
            store.remove(naming.memberId(), memberId);
        }
    }
}

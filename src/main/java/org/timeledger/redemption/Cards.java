package org.timeledger.redemption;

import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.giving.Beneficiaries;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.redemption.RedemptionViews.CardView;
import org.timeledger.redemption.RedemptionViews.NewCardView;
import org.timeledger.redemption.RedemptionViews.SpendableAccount;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.support.Transactions;

import java.util.ArrayList;
import java.util.List;

/**
 * Cards as tills see them: who holds one, and which accounts it may spend from. A lost card is
 * blocked by giving its member a new number; the old one is then unknown to every till.
 */
@Singleton
public class Cards {
    private final AuditTrail audit;
    private final PartyService parties;
    private final Beneficiaries beneficiaries;
    private final Ledger ledger;
    private final Access access;
    private final Transactions transactions;

    public Cards(AuditTrail audit, PartyService parties, Beneficiaries beneficiaries, Ledger ledger, Access access, Transactions transactions) {
        this.audit = audit;
        this.parties = parties;
        this.beneficiaries = beneficiaries;
        this.ledger = ledger;
        this.access = access;
        this.transactions = transactions;
    }

    /**
     * The card's holder in the caller's scheme; an unknown, replaced or malformed number is 404,
     * and the card of a member who left the scheme is 409 {@code member_inactive}.
     */
    Member holder(String schemeId, String cardNumber) {
        String card = CardNumbers.typed(cardNumber);
        Member holder = (CardNumbers.isValid(card) ? parties.findMemberByCard(schemeId, card) : java.util.Optional.<Member>empty())
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No card " + card
                        + " in this scheme (unknown, mistyped, or replaced after being reported lost)."));
        if (holder.inactive()) {
            throw new RejectedException(Refusal.MEMBER_INACTIVE, "This card's holder has left the scheme; the card "
                    + "cannot be used. They can ask a coordinator to mark them as back.");
        }
        return holder;
    }

    /** The holder's own account first, then those of members who named the holder beneficiary. */
    List<SpendableAccount> spendable(Member holder) {
        List<SpendableAccount> accounts = new ArrayList<>();
        accounts.add(account(holder, true));
        nominators(holder).forEach(owner -> accounts.add(account(owner, false)));
        return accounts;
    }

    /** The members who named the holder their beneficiary. */
    List<Member> nominators(Member holder) {
        return beneficiaries.nominators(holder);
    }

    private SpendableAccount account(Member owner, boolean own) {
        long availableMinutes = ledger.findAccount(owner.accountId()).orElseThrow().availableMinutes();
        return new SpendableAccount(owner.accountId(), Beneficiaries.firstName(owner), own, availableMinutes);
    }

    public CardView lookUp(Caller caller, String cardNumber) {
        return transactions.read(() -> {
            String schemeId = caller.schemeId();
            Member holder = holder(schemeId, cardNumber);
            return new CardView(Beneficiaries.firstName(holder), spendable(holder));
        });
    }

    /** Blocks the member's card and issues a new number: by the member, or staff for them. */
    public NewCardView replace(Caller caller, String memberId) {
        return transactions.write(() -> {
            Member member = access.member(caller, memberId);
            Member replaced = parties.replaceCard(member);
            audit.record(caller, member.schemeId(), Action.CARD_REPLACED, Subject.member(member.id()),
                    Changes.of().personal("cardNumber", member.cardNumber(), replaced.cardNumber()));
            return new NewCardView(replaced.id(), replaced.cardNumber());
        });
    }
}

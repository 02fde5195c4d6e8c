package org.timeledger.giving;

import org.timeledger.support.Text;
import org.timeledger.problem.Refusal;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.access.Staff;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;


/** Members giving credits to each other and donating them, from their own account only. */
@Singleton
public class GivingService {
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final Ledger ledger;
    private final Staff staff;

    public GivingService(Access access, PartyService parties, SchemeService schemes, Ledger ledger, Staff staff) {
        this.staff = staff;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.ledger = ledger;
    }

    /** A gift, in the command's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView gift(Caller caller, GivingRequests.Gift request) {
        Member giver = access.member(caller, caller.memberId());
        Member recipient = recipientOf(giver, request);
        JournalEntry entry = ledger.move(giver.schemeId(), EntryType.GIFT, giver.accountId(), recipient.accountId(),
                request.amountMinutes(), request.memo(), Actor.of(caller.principalId()));
        return EntryView.of(entry, schemes.codeOf(entry.schemeId()), null);
    }

    /** A donation, in the command's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView donate(Caller caller, GivingRequests.Donation request) {
        Member donor = access.member(caller, caller.memberId());
        String toAccount = donationAccount(donor, request);
        JournalEntry entry = ledger.move(donor.schemeId(), EntryType.DONATION, donor.accountId(), toAccount,
                request.amountMinutes(), request.memo(), Actor.of(caller.principalId()));
        return EntryView.of(entry, schemes.codeOf(entry.schemeId()), null);
    }

    /**
     * Grants credits from the community pot to a member, never beyond what the pot holds, in the
     * command's transaction.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView grant(Caller caller, String schemeCode, GivingRequests.Grant request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        Member member = parties.findMember(request.memberId()).filter(m -> m.schemeId().equals(scheme.id()))
                .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                        "No member " + request.memberId() + " in this scheme."));
        staff.refuseOwnRecord(caller, member.id(), "grant you credits");
        String memo = request.memo() == null || Text.isBlank(request.memo()) ? "Grant from the community pot" : Text.strip(request.memo());
        try {
            JournalEntry entry = ledger.move(scheme.id(), EntryType.GRANT, scheme.communityPotAccountId(),
                    member.accountId(), request.amountMinutes(), memo, Actor.of(caller.principalId()));
            return EntryView.of(entry, scheme.code(), null);
        } catch (RejectedException e) {
            if (e.rejection() == Rejection.INSUFFICIENT_CREDITS) {
                long pot = ledger.findAccount(scheme.communityPotAccountId()).map(a -> a.availableMinutes()).orElse(0L);
                throw new RejectedException(Rejection.INSUFFICIENT_CREDITS, "The community pot holds " + Minutes.inWords(pot)
                        + "; this grant needs " + Minutes.inWords(request.amountMinutes())
                        + ". Grant less, or wait until members donate more to the pot.");
            }
            throw e;
        }
    }

    private Member recipientOf(Member giver, GivingRequests.Gift request) {
        boolean byCard = request.toCardNumber() != null;
        if (byCard == (request.toMemberId() != null)) {
            throw invalid("toCardNumber", "give either toCardNumber or toMemberId, not both and not neither");
        }
        if (byCard) {
            String card = CardNumbers.typed(request.toCardNumber());
            if (!CardNumbers.isValid(card)) {
                throw invalid("toCardNumber", CardNumbers.NOT_A_CARD + ". Check for a typing mistake");
            }
            return parties.findMemberByCard(giver.schemeId(), card)
                    .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                            "No member of this scheme has card number " + card + "."));
        }
        return parties.findMember(request.toMemberId()).filter(m -> m.schemeId().equals(giver.schemeId()))
                .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                        "No member " + request.toMemberId() + " in this scheme."));
    }

    private String donationAccount(Member donor, GivingRequests.Donation request) {
        boolean toPot = Boolean.TRUE.equals(request.toCommunityPot());
        if (toPot == (request.toOrganisationId() != null)) {
            throw invalid("toOrganisationId", "give either toOrganisationId or toCommunityPot: true, not both and not neither");
        }
        if (toPot) {
            Scheme scheme = schemes.findById(donor.schemeId()).orElseThrow();
            return scheme.communityPotAccountId();
        }
        Organisation organisation = parties.findOrganisation(request.toOrganisationId())
                .filter(o -> o.schemeId().equals(donor.schemeId()))
                .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                        "No organisation " + request.toOrganisationId() + " in this scheme."));
        return organisation.accountId();
    }

    private static RejectedException invalid(String field, String message) {
        return RejectedException.invalidField(field, message);
    }
}

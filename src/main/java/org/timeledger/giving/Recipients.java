package org.timeledger.giving;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.support.Transactions;

/**
 * Who a card number belongs to, as a member about to give credits to it is shown before they
 * confirm: the holder's first name only (what a till or a relative sees too), for a valid number
 * of a member of the caller's own scheme. Nothing else about the holder, and nothing is written.
 */
@Singleton
public class Recipients {
    private final Access access;
    private final PartyService parties;
    private final Transactions transactions;

    public Recipients(Access access, PartyService parties, Transactions transactions) {
        this.access = access;
        this.parties = parties;
        this.transactions = transactions;
    }

    @Serdeable
    public record RecipientView(String firstName) {
    }

    public RecipientView byCard(Caller caller, String cardNumber) {
        return transactions.read(() -> {
            Member giver = access.member(caller, caller.memberId());
            String card = CardNumbers.typed(cardNumber);
            if (!CardNumbers.isValid(card)) {
                throw RejectedException.invalidField("cardNumber", CardNumbers.NOT_A_CARD + ". Check for a typing mistake");
            }
            Member holder = parties.findMemberByCard(giver.schemeId(), card)
                    .orElseThrow(() -> new RejectedException(Refusal.RECIPIENT_NOT_FOUND,
                            "No member of this scheme has card number " + card + "."));
            if (holder.id().equals(giver.id())) {
                throw RejectedException.invalidField("cardNumber", "is your own card; give to someone else");
            }
            return new RecipientView(Beneficiaries.firstName(holder));
        });
    }
}

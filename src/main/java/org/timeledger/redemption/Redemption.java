package org.timeledger.redemption;

import org.timeledger.ledger.model.Hold;
import org.timeledger.schemes.Member;
import org.timeledger.support.Ids;

import java.time.Instant;

/**
 * A till's redemption: a hold on the funding account (the card holder's own, or one whose
 * owner named them beneficiary), captured into a REDEMPTION entry, voided, or expired. Read
 * with its hold's state, the offer's title and the card holder's name.
 */
public record Redemption(String id, String schemeId, String partnerId, String offerId, String memberId,
                         String fundingAccountId, String holdId, long heldMinutes, Long capturedMinutes,
                         long refundedMinutes, String tillReference, String createdBy, Instant createdAt,
                         String entryId, Instant capturedAt, Hold.Status holdStatus, Instant holdExpiresAt,
                         String offerTitle, String memberName) {

    /** What a capture takes: what the till names, or all that is held; the rest of the hold is released either way. */
    public long captureMinutes(Long requestedMinutes) {
        return requestedMinutes == null ? heldMinutes : requestedMinutes;
    }

    /** What may still be refunded: what was captured less what was refunded already; nothing if never captured. */
    public long refundableMinutes() {
        return capturedMinutes == null ? 0 : capturedMinutes - refundedMinutes;
    }

    /**
     * A new redemption at {@code partnerId}'s till, resting on {@code hold} (on the funding
     * account, for the amount): nothing captured or refunded yet. {@code offer} is null for an
     * amount typed at the till.
     */
    static Redemption held(String partnerId, Offer offer, Member holder, Hold hold, String tillReference,
                           String createdBy) {
        return new Redemption(Ids.newId("rdm"), hold.schemeId(), partnerId, offer == null ? null : offer.id(),
                holder.id(), hold.accountId(), hold.id(), hold.amountMinutes(), null, 0, tillReference, createdBy,
                hold.createdAt(), null, null, Hold.Status.HELD, hold.expiresAt(), offer == null ? null : offer.title(),
                holder.displayName());
    }

    /** HELD, CAPTURED, VOIDED or EXPIRED, as it stands at {@code now}. */
    public Hold.Status statusAt(Instant now) {
        return holdStatus == Hold.Status.HELD && !now.isBefore(holdExpiresAt) ? Hold.Status.EXPIRED : holdStatus;
    }
}

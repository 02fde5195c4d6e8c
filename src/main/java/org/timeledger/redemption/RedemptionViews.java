package org.timeledger.redemption;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.timeledger.ledger.model.Hold;

import java.time.Instant;
import java.util.List;

/** Response bodies of till redemption. */
public final class RedemptionViews {
    private RedemptionViews() {
    }

    @Serdeable
    public record OfferView(String id, String partnerId, String partnerName, @Nullable String ward, String title,
                            long amountMinutes, @Nullable Integer weeklyQuota, boolean active, Instant createdAt,
                            Instant updatedAt) {
    }

    /** One account a card may spend from: the holder's own, or one whose owner named them beneficiary. */
    @Serdeable
    public record SpendableAccount(String accountId, String holderFirstName, boolean own, long availableMinutes) {
    }

    @Serdeable
    public record CardView(String firstName, List<SpendableAccount> accounts) {
    }

    @Serdeable
    public record NewCardView(String memberId, String cardNumber) {
    }

    /**
     * A redemption as a till sees it. {@code amountMinutes} is what was held;
     * {@code availableAfterMinutes}, in the answer to a hold, capture or void, what the funding
     * account could still spend right after it.
     */
    @Serdeable
    public record RedemptionView(String id, Hold.Status status, String partnerId, @Nullable String offerId,
                                 @Nullable String offerTitle, String memberFirstName, String fundingAccountId,
                                 long amountMinutes, @Nullable Long capturedMinutes, long refundedMinutes,
                                 Instant holdExpiresAt, @Nullable Long availableAfterMinutes, String tillReference,
                                 @Nullable String entryId, Instant createdAt, @Nullable Instant capturedAt) {
    }

    @Serdeable
    public record RefundView(String id, String redemptionId, String entryId, long amountMinutes, String reason,
                             long refundedTotalMinutes, Instant createdAt) {
    }

    @Serdeable
    public record Totals(long count, long capturedMinutes, long refundedMinutes, long netMinutes) {
    }

    @Serdeable
    public record PartnerRedemptions(String partnerId, Instant from, Instant to, List<RedemptionView> items, Totals totals) {
    }

    @Serdeable
    public record SettlementView(String id, String partnerId, String entryId, long amountMinutes, Instant upTo,
                                 String createdBy, Instant createdAt) {
        static SettlementView of(RedemptionStore.SettlementRow s) {
            return new SettlementView(s.id(), s.partnerId(), s.entryId(), s.amountMinutes(), s.upTo(), s.createdBy(),
                    s.createdAt());
        }
    }
}

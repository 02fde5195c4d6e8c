package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the timebank answers: exchanges, payment requests and members' limits. */
public final class TimebankViews {
    private TimebankViews() {
    }

    /**
     * An exchange with both members' names, as its two members and the scheme's staff see it.
     * {@code recordedByName} is the username of the staff member who recorded it for the payer
     * (absent when a member recorded it: members' login names are not shown to others).
     */
    @Serdeable
    public record ExchangeView(String entryId, String schemeCode, String payerMemberId, String payerName,
                               String helperMemberId, String helperName, int minutes, String categoryCode,
                               String categoryName, LocalDate date, String description, @Nullable String listingId,
                               @Nullable String paymentRequestId, String recordedBy, @Nullable String recordedByName,
                               @Nullable String onBehalfOf, Instant recordedAt, boolean reversed) {
    }

    @Serdeable
    public record PaymentRequestView(String id, String schemeCode, PaymentRequest.Status status, String helperMemberId,
                                     String helperName, String payerMemberId, String payerName, int minutes,
                                     String categoryCode, String categoryName, LocalDate date, String description,
                                     @Nullable String listingId, Instant createdAt, Instant expiresAt,
                                     @Nullable Instant decidedAt, @Nullable String declineReason, @Nullable String entryId) {
    }

    /** A member's floor (how far into debt they may go), the scheme's bounds, and every change, newest first. */
    @Serdeable
    public record LimitsView(String memberId, long floorMinutes, long schemeFloorMinutes, long lowestFloorMinutes,
                             List<LimitChange> history) {
    }

    @Serdeable
    public record LimitChange(long floorMinutesBefore, long floorMinutes, String reason, String changedBy,
                              @Nullable String changedByName, Instant changedAt) {
    }
}

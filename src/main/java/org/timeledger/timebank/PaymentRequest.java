package org.timeledger.timebank;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A helper asking the member they helped to pay. Stored PENDING until the payer confirms
 * (CONFIRMED, with the EXCHANGE {@code entryId}) or declines, or the helper cancels; a PENDING
 * request past {@code expiresAt} is EXPIRED, without anything having to run.
 */
public record PaymentRequest(String id, String schemeId, String helperMemberId, String payerMemberId, int minutes,
                             String categoryId, LocalDate date, String description, String listingId, Status status,
                             String createdBy, Instant createdAt, Instant expiresAt, Instant decidedAt,
                             String declineReason, String entryId) {

    public enum Status { PENDING, CONFIRMED, DECLINED, CANCELLED, EXPIRED }

    /** How the request stands at {@code now}. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    PaymentRequest decided(Status decision, Instant at, String reason, String entry) {
        return new PaymentRequest(id, schemeId, helperMemberId, payerMemberId, minutes, categoryId, date, description,
                listingId, decision, createdBy, createdAt, expiresAt, at, reason, entry);
    }
}

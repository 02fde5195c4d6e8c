package org.timeledger.timebank;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Help one member gave another and was paid for, settled by the EXCHANGE entry {@code entryId}
 * from the payer to the helper. {@code paymentRequestId} is set when the helper asked for it;
 * {@code onBehalfOf} (the payer) when staff recorded it for them.
 */
public record Exchange(String entryId, String schemeId, String payerMemberId, String helperMemberId, int minutes,
                       String categoryId, LocalDate date, String description, String listingId, String paymentRequestId,
                       String recordedBy, String onBehalfOf, Instant recordedAt) {
}

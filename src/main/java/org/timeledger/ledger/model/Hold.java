package org.timeledger.ledger.model;

import java.time.Instant;

/**
 * An amount set aside on an account until it is captured, voided or expires, like a card
 * payment's authorisation. While HELD and before {@code expiresAt} it lowers the account's
 * available balance; once past {@code expiresAt} it no longer counts, whether or not it has
 * been marked EXPIRED yet. It resolves exactly once.
 */
public record Hold(String id, String schemeId, String accountId, long amountMinutes, Status status, Instant expiresAt,
                   Instant createdAt, Instant resolvedAt) {

    public enum Status { HELD, CAPTURED, VOIDED, EXPIRED }

    /** Whether it still sets its amount aside at {@code now}. */
    public boolean inForce(Instant now) {
        return status == Status.HELD && now.isBefore(expiresAt);
    }

    /** Its status as seen at {@code now}: a HELD hold past its expiry is EXPIRED. */
    public Status statusAt(Instant now) {
        return status == Status.HELD && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }
}

package org.timeledger.ledger.model;

import java.time.Instant;

/**
 * One change of an account's floor, numbered 1, 2, 3 per account. {@code chainHash} links it to
 * the change before it (the first to the account's genesis hash), so a floor edited in the
 * database, or a change rewritten, is evident (see {@link ChainHash#floorChange}).
 */
public record FloorChange(String accountId, int seq, Long oldFloorMinutes, Long newFloorMinutes, String reason,
                          String changedBy, Instant changedAt, String chainHash) {
}

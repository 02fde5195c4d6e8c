package org.timeledger.ledger.model;

import java.time.Instant;

/** One posting on an account as its owner reads it, with the balance it left behind. */
public record StatementLine(long seq, String entryId, Instant postedAt, EntryType type, String memo,
                            long amountMinutes, long balanceAfterMinutes) {
}

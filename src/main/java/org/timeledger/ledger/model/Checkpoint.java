package org.timeledger.ledger.model;

import java.time.Instant;

/** Where the books stood when a reconciliation passed: the figures and the digest of every account's chain head. */
public record Checkpoint(String id, String schemeId, long number, Instant createdAt, long entries, long postings,
                         long accounts, long balanceSumMinutes, long outstandingMinutes, String digest) {
}

package org.timeledger.ledger.model;

/** An account's chain at a checkpoint: its last posting's seq and hash. */
public record ChainHeadAt(String accountId, long seq, String chainHead) {
}

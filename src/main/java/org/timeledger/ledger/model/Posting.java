package org.timeledger.ledger.model;

/** One line of an entry: a signed amount on one account. Positive raises the balance. */
public record Posting(String accountId, long amountMinutes) {
}

package org.timeledger.ledger.model;

/** The sum of the postings on one owner's accounts of one kind, in minutes (signed); an ISSUANCE or pot account has no owner (null). */
public record OwnerBalance(AccountKind kind, String ownerId, long amountMinutes) {
}

package org.timeledger.ledger.model;

/** The sum of the postings on one owner's accounts made by entries of one type, in minutes (signed). */
public record OwnerTypeSum(String ownerId, EntryType type, long amountMinutes) {
}

package org.timeledger.ledger.model;

import java.time.Instant;

/** One posting with its entry's header and its account's kind and owner, as the journal lists it. */
public record EntryPosting(String entryId, EntryType type, String memo, Instant postedAt, AccountKind kind,
                           String ownerId, long amountMinutes) {
}

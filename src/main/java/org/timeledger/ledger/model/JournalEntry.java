package org.timeledger.ledger.model;

import java.time.Instant;
import java.util.List;

/**
 * A balanced set of postings with what it was for and who asked for it. Never changed once
 * written; {@code reversesEntryId} points at the entry this one corrects. {@code actor} is the
 * acting principal's id; {@code onBehalfOf} the member they acted for, if any.
 */
public record JournalEntry(String id, String schemeId, EntryType type, String memo, String actor,
                           Instant postedAt, String reversesEntryId, String onBehalfOf, List<Posting> postings) {
}

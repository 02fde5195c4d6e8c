package org.timeledger.timebank;

import java.time.Instant;

/** "I can help" or "I would like this": a member's answer to a listing, with the member's name. */
public record ListingResponse(String id, String listingId, String memberId, String memberName, String message,
                              Instant createdAt) {
}

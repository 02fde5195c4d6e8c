package org.timeledger.timebank;

import java.time.Instant;

/** A member a coordinator brokered to a listing (at most once each), with the member's name. */
public record ListingMatch(String id, String listingId, String memberId, String memberName, String matchedBy,
                           Instant createdAt) {
}

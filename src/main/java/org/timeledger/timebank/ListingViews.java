package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Response bodies of offers and requests. What a member sees of another member is their first
 * name (and a listing's ward): member ids and full names are for the owner and staff only.
 */
public final class ListingViews {
    private ListingViews() {
    }

    /** {@code memberId} and {@code responseCount} only to staff and the owner. */
    @Serdeable
    public record ListingView(String id, String schemeCode, ListingKind kind, String categoryCode, String categoryName,
                              boolean requiresVetting, String title, String description, @Nullable String ward,
                              LocalDate expiresOn, ListingStatus status, String ownerName, boolean mine,
                              @Nullable String memberId, Instant createdAt, @Nullable Integer responseCount) {
    }

    /** {@code memberId} only to the listing's owner, the responder and staff. */
    @Serdeable
    public record ResponseView(String id, String listingId, @Nullable String memberId, String memberName, String message,
                               Instant createdAt) {
    }

    @Serdeable
    public record MatchView(String id, String listingId, String memberId, String memberName, String matchedBy,
                            Instant createdAt) {
        static MatchView of(ListingMatch m) {
            return new MatchView(m.id(), m.listingId(), m.memberId(), m.memberName(), m.matchedBy(), m.createdAt());
        }
    }
}

package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A member's offer or request, as its table holds it ({@code stored} is OPEN or CLOSED), with
 * what every view of it needs from the category and the owner, and how many responses it has.
 */
public record Listing(String id, String schemeId, String memberId, ListingKind kind, String categoryId, String title,
                      String description, @Nullable String ward, LocalDate expiresOn, ListingStatus stored,
                      String createdBy, Instant createdAt, @Nullable Instant closedAt,
                      String categoryCode, String categoryName, boolean requiresVetting, String ownerName,
                      int responseCount) {

    /** As it stands on the scheme's {@code today}: an open listing past its last day has expired. */
    public ListingStatus status(LocalDate today) {
        return stored == ListingStatus.OPEN && expiresOn.isBefore(today) ? ListingStatus.EXPIRED : stored;
    }
}

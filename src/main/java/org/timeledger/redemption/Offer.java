package org.timeledger.redemption;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** What a partner offers for credits ("Swim session", 60 minutes), with an optional weekly quota. */
@MappedEntity("offer")
public record Offer(@Id String id, String schemeId, String partnerId, String title, long amountMinutes,
                    @Nullable Integer weeklyQuota, boolean active, Instant createdAt, Instant updatedAt) {
}

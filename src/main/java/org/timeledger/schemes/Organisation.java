package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A voluntary group where people volunteer; may receive donations and hold an allocation. */
@MappedEntity("organisation")
public record Organisation(@Id String id, String schemeId, String name, @Nullable String ward,
                           String accountId, Instant createdAt) {
}

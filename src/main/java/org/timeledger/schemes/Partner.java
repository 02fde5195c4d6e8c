package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A venue where members spend credits: a leisure centre, a shop, the council. */
@MappedEntity("partner")
public record Partner(@Id String id, String schemeId, String name, @Nullable String ward,
                      String accountId, Instant createdAt) {
}

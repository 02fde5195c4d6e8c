package org.timeledger.schemes;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A tenant: one timebank or programme, with its rules and its system accounts. */
@MappedEntity("scheme")
public record Scheme(@Id String id, String code, String name, long memberFloorMinutes, int holdMinutes,
                     String issuanceAccountId, String communityPotAccountId, Instant createdAt) {
}

package org.timeledger.volunteering;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A kind of volunteering in a scheme ("befriending", "gardening"); some need a cleared member. */
@MappedEntity("category")
public record Category(@Id String id, String schemeId, String code, String name, boolean requiresVetting,
                       Instant createdAt) {
}

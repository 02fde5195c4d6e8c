package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Someone who logs in with a password. A null scheme means every scheme (the bootstrap admin). */
@MappedEntity("app_user")
public record AppUser(@Id String id, String username, String passwordHash, String role,
                      @Nullable String schemeId, Instant createdAt) {
}

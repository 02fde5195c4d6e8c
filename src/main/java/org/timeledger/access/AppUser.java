package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * Someone who logs in with a password: staff (ADMIN, COORDINATOR, AUDITOR) or a member (MEMBER,
 * with memberId). A null scheme means every scheme (the bootstrap admin); a null password hash
 * a login disabled until the member activates with a new code.
 */
@MappedEntity("app_user")
public record AppUser(@Id String id, String username, @Nullable String passwordHash, String role,
                      @Nullable String schemeId, @Nullable String memberId, Instant createdAt) {
}

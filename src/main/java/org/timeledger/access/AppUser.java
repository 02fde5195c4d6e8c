package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * Someone who logs in with a password: staff (ADMIN, COORDINATOR, AUDITOR) or a member (MEMBER,
 * with memberId). A null scheme means every scheme (the bootstrap admin); a null password hash
 * a login disabled until the member activates with a new code. Every access token carries the
 * session epoch it was issued in; raising it ends every session of the user at once. A staff
 * user who also volunteers names their own member record ({@code ownMemberId}), so that they
 * cannot approve credits for themselves. A deactivated staff user ({@code deactivatedAt}) keeps
 * their username and password but cannot log in until reactivated.
 */
@MappedEntity("app_user")
public record AppUser(@Id String id, String username, @Nullable String passwordHash, String role,
                      @Nullable String schemeId, @Nullable String memberId, Instant createdAt, int sessionEpoch,
                      @Nullable String ownMemberId, @Nullable Instant deactivatedAt,
                      @Nullable String deactivationReason) {

    public static AppUser create(String id, String username, String passwordHash, String role, String schemeId,
                                 String memberId, Instant createdAt) {
        return new AppUser(id, username, passwordHash, role, schemeId, memberId, createdAt, 0, null, null, null);
    }

    /** A staff user who volunteers too, with their own member record. */
    public AppUser withOwnMember(String ownMemberId) {
        return new AppUser(id, username, passwordHash, role, schemeId, memberId, createdAt, sessionEpoch, ownMemberId,
                deactivatedAt, deactivationReason);
    }

    /** Whether the user was deactivated (staff who left): their login is refused. */
    public boolean inactive() {
        return deactivatedAt != null;
    }
}

package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Response bodies of the access feature. Secrets appear once, in the answer that creates them. */
public final class AccessViews {
    private AccessViews() {
    }

    /**
     * A staff user as administrators see them: {@code status} ACTIVE or INACTIVE (deactivated,
     * with when and why). Never their password or any code.
     */
    @Serdeable
    public record StaffView(String id, String username, String role, String schemeCode, List<String> organisationIds,
                            @Nullable String memberId, String status, Instant createdAt, @Nullable Instant deactivatedAt,
                            @Nullable String deactivationReason) {
        static StaffView of(AppUser user, String schemeCode, List<String> organisationIds) {
            return new StaffView(user.id(), user.username(), user.role(), schemeCode, organisationIds, user.ownMemberId(),
                    user.inactive() ? "INACTIVE" : "ACTIVE", user.createdAt(), user.deactivatedAt(), user.deactivationReason());
        }
    }

    /** A password reset code as issued: shown once, in this answer only. */
    @Serdeable
    public record PasswordResetCodeView(String staffId, String username, String code, Instant expiresAt) {
    }

    /**
     * Who the credentials sent belong to, so a client (the console) knows which pages to offer:
     * the role, the scheme (none for the administrator of every scheme), a coordinator's
     * organisations, a member's member id, a till's partner.
     */
    @Serdeable
    public record SessionView(String role, boolean allSchemes, String name, @Nullable Named scheme,
                              List<Named> organisations, @Nullable String memberId, @Nullable Named partner) {
    }

    /** Something a person picks by name and a client sends back by id (a scheme: by code). */
    @Serdeable
    public record Named(String id, String name) {
    }

    @Serdeable
    public record ActivationCodeView(String memberId, String activationCode, Instant expiresAt) {
    }

    @Serdeable
    public record ActivatedView(String memberId, String username) {
    }

    @Serdeable
    public record ApiKeyView(String id, String partnerId, String label, Instant createdAt, @Nullable Instant lastUsedAt,
                             @Nullable Instant revokedAt) {
        static ApiKeyView of(ApiKeys.ApiKey key) {
            return new ApiKeyView(key.id(), key.partnerId(), key.label(), key.createdAt(), key.lastUsedAt(), key.revokedAt());
        }
    }

    /** The answer to creating a key: the key itself, which is never shown again. */
    @Serdeable
    public record NewApiKeyView(String id, String partnerId, String label, String key, Instant createdAt) {
    }
}

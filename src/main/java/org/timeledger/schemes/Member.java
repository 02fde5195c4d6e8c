package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A person in a scheme. The card number is what a till sees; the id never leaves the API. How
 * to reach them is a {@link MemberContact} of its own, shown to staff only.
 */
@MappedEntity("member")
public record Member(@Id String id, String schemeId, String displayName, @Nullable String ward,
                     String cardNumber, String accountId, Instant createdAt, @Nullable Instant erasedAt,
                     @Nullable String registeredBy, @Nullable Instant deactivatedAt,
                     @Nullable String deactivationReason) {

    /** A member whose personal data was erased: kept for the books only. */
    public boolean erased() {
        return erasedAt != null;
    }

    /** A member who left the scheme (and was not erased since): no login, no card, no exchanges. */
    public boolean inactive() {
        return !erased() && deactivatedAt != null;
    }

    public MemberStatus status() {
        return erased() ? MemberStatus.ERASED : deactivatedAt != null ? MemberStatus.INACTIVE : MemberStatus.ACTIVE;
    }

    Member withCard(String number) {
        return new Member(id, schemeId, displayName, ward, number, accountId, createdAt, erasedAt, registeredBy,
                deactivatedAt, deactivationReason);
    }

    Member withDetails(String newName, @Nullable String newWard) {
        return new Member(id, schemeId, newName, newWard, cardNumber, accountId, createdAt, erasedAt, registeredBy,
                deactivatedAt, deactivationReason);
    }

    Member withDeactivation(@Nullable Instant at, @Nullable String reason) {
        return new Member(id, schemeId, displayName, ward, cardNumber, accountId, createdAt, erasedAt, registeredBy,
                at, reason);
    }
}

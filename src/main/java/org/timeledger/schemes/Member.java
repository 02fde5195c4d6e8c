package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A person in a scheme. The card number is what a till sees; the id never leaves the API. */
@MappedEntity("member")
public record Member(@Id String id, String schemeId, String displayName, @Nullable String ward,
                     String cardNumber, String accountId, Instant createdAt, @Nullable Instant erasedAt) {

    /** A member whose personal data was erased: kept for the books only. */
    public boolean erased() {
        return erasedAt != null;
    }
}

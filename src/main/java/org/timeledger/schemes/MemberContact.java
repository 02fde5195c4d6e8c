package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * How to reach a member: personal data, for the scheme's staff only; never in a till's, another
 * member's or an export's view. Erasure deletes it. {@code phoneDigits} is the phone stripped of
 * spaces and punctuation, for search.
 */
@MappedEntity("member_contact")
public record MemberContact(@Id String memberId, @Nullable String phone, @Nullable String phoneDigits,
                            @Nullable String email, @Nullable String postalAddress,
                            @Nullable ContactMethod preferredContact, @Nullable String notes) {

    public static MemberContact none(String memberId) {
        return new MemberContact(memberId, null, null, null, null, null, null);
    }
}

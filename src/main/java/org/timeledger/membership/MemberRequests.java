package org.timeledger.membership;

import jakarta.validation.constraints.NotNull;
import org.timeledger.support.NameText;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import org.timeledger.schemes.ContactMethod;

/** Request bodies of a member's details and their leaving. */
public final class MemberRequests {
    static final int MAX_NAME = 200;
    static final int MAX_WARD = 100;
    static final int MAX_PHONE = 40;
    static final int MAX_EMAIL = 254;
    static final int MAX_ADDRESS = 500;
    static final int MAX_NOTES = 2_000;
    static final int MAX_REASON = 500;

    private MemberRequests() {
    }

    /**
     * The details to change: a field left out stays as it is (null is refused); an empty or
     * blank {@code ward}, {@code phone}, {@code email}, {@code postalAddress} or {@code notes} removes it.
     * The name cannot be removed.
     */
    @Serdeable
    public record ChangeDetails(@Nullable @NameText @Size(max = MAX_NAME) String displayName,
                                @Nullable @NameText(blankMeansNone = true) @Size(max = MAX_WARD) String ward,
                                @Nullable @Size(max = MAX_PHONE) String phone,
                                @Nullable @Size(max = MAX_EMAIL) String email,
                                @Nullable @NoteText(blankMeansNone = true) @Size(max = MAX_ADDRESS) String postalAddress,
                                @Nullable ContactMethod preferredContact,
                                @Nullable @NoteText(blankMeansNone = true) @Size(max = MAX_NOTES) String notes) {
    }

    @Serdeable
    public record Deactivate(@NotNull @NoteText @Size(max = MAX_REASON) String reason) {
    }
}

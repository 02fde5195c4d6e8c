package org.timeledger.timebank;

import org.timeledger.support.Filled;
import org.timeledger.support.NameText;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Request bodies of offers and requests (listings). */
public final class ListingRequests {
    static final int MAX_TITLE = 120;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_WARD = 100;
    static final int MAX_MESSAGE = 1_000;

    private ListingRequests() {
    }

    /** A member posts for themselves (no {@code memberId}); staff post for the member they name. */
    @Serdeable
    public record CreateListing(@NotNull ListingKind kind,
                                @NotNull @Filled @Size(max = 40) String categoryCode,
                                @NotNull @NameText @Size(max = MAX_TITLE) String title,
                                @NotNull @NoteText @Size(max = MAX_DESCRIPTION) String description,
                                @Nullable @NameText(blankMeansNone = true) @Size(max = MAX_WARD) String ward,
                                @Nullable LocalDate expiresOn,
                                @Nullable @Size(max = 40) String memberId) {
    }

    /** The fields to change; those left out stay as they are. A blank {@code ward} removes it. */
    @Serdeable
    public record ChangeListing(@Nullable @NameText @Size(max = MAX_TITLE) String title,
                                @Nullable @NoteText @Size(max = MAX_DESCRIPTION) String description,
                                @Nullable @NameText(blankMeansNone = true) @Size(max = MAX_WARD) String ward,
                                @Nullable LocalDate expiresOn,
                                @Nullable @Filled @Size(min = 1, max = 40) String categoryCode) {
    }

    @Serdeable
    public record Respond(@NotNull @NoteText @Size(max = MAX_MESSAGE) String message) {
    }

    @Serdeable
    public record Match(@NotNull @Filled @Size(max = 40) String memberId) {
    }
}

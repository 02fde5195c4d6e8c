package org.timeledger.volunteering;

import org.timeledger.support.Filled;
import org.timeledger.support.NameText;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies of the volunteering feature. Minutes are taken as any whole number so that an
 * out-of-range one is refused by its rule ({@code minutes_per_activity}), not as a parse error.
 */
public final class VolunteeringRequests {
    static final int MAX_REGISTER_LINES = 1_000;

    private VolunteeringRequests() {
    }

    @Serdeable
    public record CreateCategory(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}",
                    message = "must be 1-40 lower-case letters, digits or hyphens, starting with a letter or digit")
            String code,
            @NotNull @NameText @Size(max = 200) String name,
            @Nullable Boolean requiresVetting) {
    }

    @Serdeable
    public record RecordVetting(@NotNull VettingStatus status, @NotNull LocalDate checkedOn, @Nullable LocalDate expiresOn) {
    }

    @Serdeable
    public record LogActivity(@NotNull @Filled @Size(max = 40) String memberId,
                              @NotNull @Filled @Size(max = 40) String organisationId,
                              @NotNull LocalDate date,
                              @NotNull Long minutes,
                              @NotNull @Filled @Size(max = 40) String categoryCode,
                              @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String description) {
    }

    /** One session for many members; {@code approve: true} approves them all at once. */
    @Serdeable
    public record Register(@NotNull @Filled @Size(max = 40) String organisationId,
                           @NotNull LocalDate date,
                           @NotNull Long minutes,
                           @NotNull @Filled @Size(max = 40) String categoryCode,
                           @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String description,
                           @NotNull @Size(min = 1, max = MAX_REGISTER_LINES) List<@Filled @Size(max = 40) String> memberIds,
                           @Nullable Boolean approve) {
    }

    /**
     * A register uploaded as CSV: the session's details from the query, the lines from the body.
     * Also what its Idempotency-Key is checked against.
     */
    @Serdeable
    public record CsvRegister(String organisationId, String date, @Nullable Long minutes, String categoryCode,
                              @Nullable String description, boolean approve, String csv) {
    }

    @Serdeable
    public record RejectActivity(@NotNull @NoteText @Size(max = 500) String reason) {
    }

    @Serdeable
    public record CreateOpportunity(@NotNull @Filled @Size(max = 40) String organisationId,
                                    @NotNull @NameText @Size(max = 200) String title,
                                    @NotNull LocalDate date,
                                    @NotNull Long signupAwardMinutes,
                                    @NotNull Long attendanceAwardMinutes,
                                    @NotNull @Filled @Size(max = 40) String categoryCode) {
    }

    /** A member signs up (staff name the member; a member signing up themselves may leave it out). */
    @Serdeable
    public record Signup(@Nullable @Size(max = 40) String memberId) {
    }

    @Serdeable
    public record Attendance(@NotNull @Size(min = 1, max = MAX_REGISTER_LINES) List<@Filled @Size(max = 40) String> memberIds) {
    }

    @Serdeable
    public record Allocation(@NotNull @Filled @Size(max = 40) String organisationId, @NotNull Long amountMinutes,
                             @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String memo) {
    }
}

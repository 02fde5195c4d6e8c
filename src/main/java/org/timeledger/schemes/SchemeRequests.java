package org.timeledger.schemes;

import org.timeledger.support.NameText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.timeledger.web.NullMeans;

/** Request bodies of the schemes feature. Balances, owners and ids are never taken from them. */
public final class SchemeRequests {
    private SchemeRequests() {
    }

    @Serdeable
    public record CreateScheme(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,31}",
                    message = "must be 2-32 lower-case letters, digits or hyphens, starting with a letter or digit")
            String code,
            @NotNull @NameText @Size(max = 200) String name,
            @Nullable @Min(value = -6_000_000, message = "must be at least -6000000 (100,000 hours of debt)")
            @Max(value = 0, message = "must be zero or negative (the lowest balance a member may reach)")
            Long memberFloorMinutes,
            @Nullable @Min(1) @Max(value = 10_080, message = "must be at most 10080 (one week)") Integer holdMinutes,
            @Nullable @Min(0) @Max(value = 3_650, message = "must be at most 3650 (ten years)") Integer backdateDays,
            @Nullable @Min(value = 1, message = "must be at least 1; leave it out for no cap")
            @Max(value = 10_080, message = "must be at most 10080 (every minute of a week)") Long weeklyEarnCapMinutes,
            @Nullable Boolean allocationsRequired,
            @Nullable @Size(max = 64) String timeZone,
            @Nullable @Min(value = 1, message = "must be at least 1")
            @Max(value = IssuanceAccounts.MAX, message = "must be at most " + IssuanceAccounts.MAX) Integer issuanceAccounts,
            @Nullable @Min(value = 1, message = "must be at least 1")
            @Max(value = 365, message = "must be at most 365 (one year)") Integer paymentRequestDays,
            @Nullable @Min(value = -6_000_000, message = "must be at least -6000000 (100,000 hours of debt)")
            @Max(value = 0, message = "must be zero or negative (the lowest floor one member may be given)")
            Long lowestMemberFloorMinutes) {
    }

    /**
     * The rules to change; those left out stay as they are. {@code weeklyEarnCapMinutes} sent as
     * null removes the cap (left out, it stays); {@code issuanceAccounts} cannot be changed and,
     * like any field not listed here, is refused.
     */
    @Serdeable
    public record ChangeScheme(
            @Nullable @NameText @Size(max = 200) String name,
            @Nullable @Min(value = -6_000_000, message = "must be at least -6000000 (100,000 hours of debt)")
            @Max(value = 0, message = "must be zero or negative (the lowest balance a member may reach)")
            Long memberFloorMinutes,
            @Nullable @Min(1) @Max(value = 10_080, message = "must be at most 10080 (one week)") Integer holdMinutes,
            @Nullable @Min(0) @Max(value = 3_650, message = "must be at most 3650 (ten years)") Integer backdateDays,
            @Nullable @NullMeans("no cap: members may log any number of minutes a week") WeeklyCap weeklyEarnCapMinutes,
            @Nullable Boolean allocationsRequired,
            @Nullable @Size(max = 64) String timeZone,
            @Nullable @Min(value = 1, message = "must be at least 1")
            @Max(value = 365, message = "must be at most 365 (one year)") Integer paymentRequestDays,
            @Nullable @Min(value = -6_000_000, message = "must be at least -6000000 (100,000 hours of debt)")
            @Max(value = 0, message = "must be zero or negative (the lowest floor one member may be given)")
            Long lowestMemberFloorMinutes) {
    }

    /**
     * A new weekly cap: {@code minutes} null for none. Its own type, so that a field sent as
     * null (remove the cap) differs from one left out (keep it): see {@link WeeklyCapReader}.
     */
    public record WeeklyCap(@Nullable Long minutes) {
    }

    @Serdeable
    public record RegisterMember(@NotNull @NameText @Size(max = 200) String displayName,
                                 @Nullable @NameText(blankMeansNone = true) @Size(max = 100) String ward) {
    }

    @Serdeable
    public record RegisterParty(@NotNull @NameText @Size(max = 200) String name,
                                @Nullable @NameText(blankMeansNone = true) @Size(max = 100) String ward) {
    }
}

package org.timeledger.timebank;

import org.timeledger.support.Filled;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** What members and staff send to exchange hours, ask to be paid and set limits. */
public final class TimebankRequests {
    private TimebankRequests() {
    }

    /**
     * Help the caller received, paid to the member who gave it: named by member id or card
     * number, or left out when {@code listingId} names a listing of theirs.
     */
    @Serdeable
    public record MemberExchange(@Nullable @Size(max = 40) String toMemberId, @Nullable @Size(max = 40) String toCardNumber,
                                 @NotNull Long minutes, @NotNull @Filled @Size(max = 40) String categoryCode,
                                 @NotNull LocalDate date, @NotNull @NoteText @Size(max = 500) String description,
                                 @Nullable @Size(max = 40) String listingId) {
    }

    /** Help between two members recorded by staff for members who are not online. */
    @Serdeable
    public record StaffExchange(@NotNull @Filled @Size(max = 40) String fromMemberId, @NotNull @Filled @Size(max = 40) String toMemberId,
                                @NotNull Long minutes, @NotNull @Filled @Size(max = 40) String categoryCode,
                                @NotNull LocalDate date, @NotNull @NoteText @Size(max = 500) String description,
                                @Nullable @Size(max = 40) String listingId) {
    }

    /** The caller helped a member and asks them to pay. */
    @Serdeable
    public record AskPayment(@Nullable @Size(max = 40) String fromMemberId, @Nullable @Size(max = 40) String fromCardNumber,
                             @NotNull Long minutes, @NotNull @Filled @Size(max = 40) String categoryCode,
                             @NotNull LocalDate date, @NotNull @NoteText @Size(max = 500) String description,
                             @Nullable @Size(max = 40) String listingId) {
    }

    @Serdeable
    public record Decline(@NotNull @NoteText @Size(max = 500) String reason) {
    }

    @Serdeable
    public record SetLimit(@NotNull @Min(value = -6_000_000, message = "must be at least -6000000 (100,000 hours of debt)")
                           @Max(value = 0, message = "must be zero or negative (the lowest balance the member may reach)")
                           Long floorMinutes,
                           @NotNull @NoteText @Size(max = 500) String reason) {
    }
}

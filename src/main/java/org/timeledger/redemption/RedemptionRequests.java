package org.timeledger.redemption;

import org.timeledger.support.Filled;
import org.timeledger.support.NameText;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Request bodies of till redemption. */
public final class RedemptionRequests {
    private RedemptionRequests() {
    }

    @Serdeable
    public record CreateOffer(@NotNull @NameText @Size(max = 200) String title, @NotNull Long amountMinutes,
                              @Nullable Integer weeklyQuota, @Nullable Boolean active) {
    }

    /** Fields to change; those left out stay. {@code weeklyQuota: 0} removes the quota. */
    @Serdeable
    public record ChangeOffer(@Nullable @NameText @Size(max = 200) String title, @Nullable Long amountMinutes,
                              @Nullable Integer weeklyQuota, @Nullable Boolean active) {
    }

    /** A hold (or, with {@code capture: true}, a hold captured at once) for an offer or an amount. */
    @Serdeable
    public record Hold(@NotNull @Filled @Size(max = 40) String cardNumber, @Nullable @Size(max = 40) String fundingAccountId,
                       @Nullable @Size(max = 40) String offerId, @Nullable Long amountMinutes,
                       @NotNull @NameText @Size(max = 100) String tillReference, @Nullable Boolean capture) {
    }

    @Serdeable
    public record Capture(@Nullable Long amountMinutes) {
    }

    @Serdeable
    public record Refund(@NotNull Long amountMinutes, @NotNull @NoteText @Size(max = 500) String reason) {
    }

    @Serdeable
    public record Settle(@NotNull Instant upTo) {
    }
}

package org.timeledger.giving;

import org.timeledger.support.Filled;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a member sends to give or donate: exactly one recipient each. */
public final class GivingRequests {
    private GivingRequests() {
    }

    /** To another member, named by the card number they show or by their member id. */
    @Serdeable
    public record Gift(@Nullable @Size(max = 40) String toCardNumber, @Nullable @Size(max = 40) String toMemberId,
                       @NotNull Long amountMinutes, @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String memo) {
    }

    /** To an organisation of the scheme, or to the community pot. */
    @Serdeable
    public record Donation(@Nullable @Size(max = 40) String toOrganisationId, @Nullable Boolean toCommunityPot,
                           @NotNull Long amountMinutes, @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String memo) {
    }

    /** From the scheme's community pot to a member in need, by a coordinator or an administrator. */
    @Serdeable
    public record Grant(@NotNull @Filled @Size(max = 40) String memberId, @NotNull Long amountMinutes,
                        @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String memo) {
    }

    /** The card number of the member who may spend from the caller's account at tills. */
    @Serdeable
    public record NameBeneficiary(@NotNull @Filled @Size(max = 40) String cardNumber) {
    }
}

package org.timeledger.schemes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A tenant: one timebank or programme, with its rules and its system accounts. The rules for
 * earning: activities may be back-dated {@code backdateDays}; a member may earn at most
 * {@code weeklyEarnCapMinutes} a week (null: no cap); with {@code allocationsRequired} credits
 * are earned from the organisation's allocation instead of from ISSUANCE. Activity dates are
 * days in {@code timeZone}. Credits are created from {@code issuanceAccounts} ISSUANCE accounts,
 * the first of them {@code issuanceAccountId}: several, so that approvals do not all queue for one
 * account's row lock (see {@link IssuanceAccounts}). In a timebank, a payment request waits
 * {@code paymentRequestDays} for its payer, and an administrator may give one member a floor as low
 * as {@code lowestMemberFloorMinutes} (never above zero).
 */
@MappedEntity("scheme")
public record Scheme(@Id String id, String code, String name, long memberFloorMinutes, int holdMinutes,
                     String issuanceAccountId, String communityPotAccountId, Instant createdAt,
                     int backdateDays, @Nullable Long weeklyEarnCapMinutes, boolean allocationsRequired,
                     String timeZone, int issuanceAccounts, int paymentRequestDays, long lowestMemberFloorMinutes) {

    /** Today where the scheme is. */
    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneId.of(timeZone));
    }
}

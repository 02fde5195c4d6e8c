package org.timeledger.volunteering;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded change of a member's vetting; the latest is in force. A check covers the days
 * from {@code checkedOn} to {@code expiresOn}, both included (no expiry: open-ended).
 */
@MappedEntity("vetting_check")
public record VettingCheck(@Id String id, String memberId, VettingStatus status, LocalDate checkedOn,
                           @Nullable LocalDate expiresOn, String recordedBy, Instant recordedAt) {

    public boolean clearedOn(LocalDate date) {
        return status == VettingStatus.CLEARED && !date.isBefore(checkedOn)
                && (expiresOn == null || !date.isAfter(expiresOn));
    }
}

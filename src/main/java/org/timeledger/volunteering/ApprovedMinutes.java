package org.timeledger.volunteering;

import io.micronaut.core.annotation.Nullable;

/**
 * Approved volunteering still standing (its EARN entry not reversed), summed for one member in
 * one category for one organisation: the minutes and how many activities gave them. The
 * member's ward (null: none given) comes with it.
 */
public record ApprovedMinutes(String categoryId, String organisationId, @Nullable String ward, String memberId,
                              long minutes, long activities) {
}

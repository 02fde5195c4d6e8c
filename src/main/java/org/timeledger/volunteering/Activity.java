package org.timeledger.volunteering;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Volunteering a coordinator logged for a member: PENDING until approved (then with the EARN
 * entry that paid it) or rejected (with the reason). {@code award} marks an opportunity's
 * sign-up or attendance award. The member's name, the category's code and the reversal of its
 * EARN entry (an approval corrected afterwards) are read with it.
 */
public record Activity(String id, String schemeId, String memberId, String memberName, String organisationId,
                       String categoryId, String categoryCode, LocalDate date, int minutes, String description,
                       Status status, String opportunityId, Award award, String loggedBy, Instant loggedAt,
                       String decidedBy, Instant decidedAt, String entryId, String rejectionReason,
                       String reversedByEntryId) {

    public enum Status { PENDING, APPROVED, REJECTED }

    public enum Award { SIGNUP, ATTENDANCE }

    Activity approved(String by, Instant at, String entry) {
        return new Activity(id, schemeId, memberId, memberName, organisationId, categoryId, categoryCode, date, minutes,
                description, Status.APPROVED, opportunityId, award, loggedBy, loggedAt, by, at, entry, null, null);
    }

    Activity rejected(String by, Instant at, String reason) {
        return new Activity(id, schemeId, memberId, memberName, organisationId, categoryId, categoryCode, date, minutes,
                description, Status.REJECTED, opportunityId, award, loggedBy, loggedAt, by, at, null, reason, null);
    }
}

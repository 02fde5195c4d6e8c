package org.timeledger.volunteering;

import org.timeledger.schemes.Member;
import org.timeledger.support.Ids;

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

    /** REVERSED: approved, and the approval undone since (its EARN entry reversed). */
    public enum Status { PENDING, APPROVED, REJECTED, REVERSED }

    public enum Award { SIGNUP, ATTENDANCE }

    /**
     * A new PENDING activity of {@code session}'s organisation, category and day: nobody has
     * decided it yet, so it has no decider, entry, rejection reason or reversal.
     */
    static Activity logged(ActivityService.Session session, Member member, int minutes, String loggedBy,
                           Instant loggedAt) {
        return new Activity(Ids.newId("act"), session.scheme().id(), member.id(), member.displayName(),
                session.organisation().id(), session.category().id(), session.category().code(), session.date(), minutes,
                session.description(), Status.PENDING, session.opportunityId(), session.award(), loggedBy, loggedAt,
                null, null, null, null, null);
    }

    /** Approved by {@code by} at {@code at}, paid by EARN entry {@code entryId}. */
    Activity approved(String by, Instant at, String entryId) {
        return withDecision(Status.APPROVED, by, at, entryId, null);
    }

    Activity rejected(String by, Instant at, String reason) {
        return withDecision(Status.REJECTED, by, at, null, reason);
    }

    /** This approved activity with its approval undone by the REVERSAL entry {@code reversalId}, for {@code reason}. */
    Activity reversed(String reversalId, String reason) {
        return new Activity(id, schemeId, memberId, memberName, organisationId, categoryId, categoryCode, date, minutes,
                description, Status.REVERSED, opportunityId, award, loggedBy, loggedAt, decidedBy, decidedAt, entryId, reason,
                reversalId);
    }

    /** This pending activity as decided now; nothing can have reversed its entry yet. */
    private Activity withDecision(Status decided, String by, Instant at, String entryId, String reason) {
        return new Activity(id, schemeId, memberId, memberName, organisationId, categoryId, categoryCode, date, minutes,
                description, decided, opportunityId, award, loggedBy, loggedAt, by, at, entryId, reason, null);
    }
}

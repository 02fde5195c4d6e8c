package org.timeledger.volunteering;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of the volunteering feature. */
public final class VolunteeringViews {
    private VolunteeringViews() {
    }

    @Serdeable
    public record CategoryView(String code, String name, boolean requiresVetting, Instant createdAt) {
        static CategoryView of(Category c) {
            return new CategoryView(c.code(), c.name(), c.requiresVetting(), c.createdAt());
        }
    }

    @Serdeable
    public record VettingCheckView(VettingStatus status, LocalDate checkedOn, @Nullable LocalDate expiresOn,
                                   String recordedBy, Instant recordedAt) {
        static VettingCheckView of(VettingCheck v) {
            return new VettingCheckView(v.status(), v.checkedOn(), v.expiresOn(), v.recordedBy(), v.recordedAt());
        }
    }

    /** A member's vetting: the check in force (NONE if never recorded) and every change, newest first. */
    @Serdeable
    public record VettingView(String memberId, VettingStatus status, @Nullable LocalDate checkedOn,
                              @Nullable LocalDate expiresOn, List<VettingCheckView> history) {
    }

    @Serdeable
    public record ActivityView(String id, String schemeCode, String memberId, String memberName, String organisationId,
                               String categoryCode, LocalDate date, int minutes, String description,
                               Activity.Status status, @Nullable String opportunityId, @Nullable Activity.Award award,
                               String loggedBy, Instant loggedAt, @Nullable String decidedBy,
                               @Nullable Instant decidedAt, @Nullable String entryId, @Nullable String rejectionReason,
                               @Nullable String reversedByEntryId) {
        static ActivityView of(Activity a, String schemeCode) {
            return new ActivityView(a.id(), schemeCode, a.memberId(), a.memberName(), a.organisationId(), a.categoryCode(),
                    a.date(), a.minutes(), a.description(),
                    // an approval corrected by reversing its entry directly is undone too
                    a.reversedByEntryId() != null ? Activity.Status.REVERSED : a.status(), a.opportunityId(), a.award(), a.loggedBy(),
                    a.loggedAt(), a.decidedBy(), a.decidedAt(), a.entryId(), a.rejectionReason(), a.reversedByEntryId());
        }
    }

    /** What a register (or an opportunity's attendance) logged: every activity, in the order given. */
    @Serdeable
    public record RegisterView(int count, long totalMinutes, Activity.Status status, List<ActivityView> activities) {
    }

    @Serdeable
    public record OpportunityView(String id, String schemeCode, String organisationId, String categoryCode, String title,
                                  LocalDate date, int signupAwardMinutes, int attendanceAwardMinutes, Instant createdAt) {
        static OpportunityView of(Opportunity o, String schemeCode, String categoryCode) {
            return new OpportunityView(o.id(), schemeCode, o.organisationId(), categoryCode, o.title(), o.heldOn(),
                    o.signupAwardMinutes(), o.attendanceAwardMinutes(), o.createdAt());
        }
    }
}

package org.timeledger.volunteering;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Activities summed for the reports, read-only, on the caller's transaction. */
@Singleton
public class ActivityReportStore {
    private final Sql sql;

    public ActivityReportStore(Sql sql) {
        this.sql = sql;
    }

    /** The date of the scheme's earliest activity, whatever its status; empty if it has none. */
    public Optional<LocalDate> earliestDate(String schemeId) {
        return sql.first("SELECT MIN(activity_date) FROM activity WHERE scheme_id = ?",
                rs -> rs.getObject(1, LocalDate.class), schemeId);
    }

    /**
     * Approved activities dated in [first, last] whose EARN entry was not reversed, summed per
     * category, organisation and member. Summed here rather than read one by one, so that a
     * scheme's whole life is a row per member and category, not per activity.
     */
    public List<ApprovedMinutes> approvedMinutes(String schemeId, LocalDate first, LocalDate last) {
        return sql.list("SELECT a.category_id, a.organisation_id, m.ward, a.member_id, SUM(a.minutes), COUNT(*) "
                        + "FROM activity a JOIN member m ON m.id = a.member_id WHERE a.scheme_id = ? AND a.status = ? "
                        + "AND a.activity_date >= ? AND a.activity_date <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = a.entry_id) "
                        + "GROUP BY a.category_id, a.organisation_id, m.ward, a.member_id",
                rs -> new ApprovedMinutes(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6)),
                schemeId, Activity.Status.APPROVED, first, last);
    }
}

package org.timeledger.volunteering;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Activities' SQL, by hand: lists with optional filters, row locks and batch inserts of a
 * whole register are plainer in SQL than in derived queries. Needs the caller's transaction: a store has no connection of its own.
 */
@Singleton
public class ActivityStore {
    private static final String COLUMNS = "a.id, a.scheme_id, a.member_id, m.display_name, a.organisation_id, "
            + "a.category_id, c.code, a.activity_date, a.minutes, a.description, a.status, a.opportunity_id, a.award, "
            + "a.logged_by, a.logged_at, a.decided_by, a.decided_at, a.entry_id, a.rejection_reason, r.id";
    private static final String FROM = " FROM activity a JOIN member m ON m.id = a.member_id "
            + "JOIN category c ON c.id = a.category_id LEFT JOIN journal_entry r ON r.reverses_entry_id = a.entry_id";

    private final Sql sql;
    private final String memberLock;

    public ActivityStore(Sql sql, @Value("${datasources.default.url:}") String url) {
        this.sql = sql;
        // PostgreSQL's FOR UPDATE would also block the KEY SHARE lock that inserting a row which
        // refers to the member takes (a till's redemption, under its account lock): a deadlock
        // with a register that holds the member and waits for the account. NO KEY UPDATE does
        // not; H2 has no such lock to block.
        this.memberLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** One batch for a whole register, bound with types, so that a null in a row does not change the batch's parameter types. */
    public void insertAll(List<Activity> activities) {
        sql.batch("INSERT INTO activity (id, scheme_id, member_id, organisation_id, category_id, activity_date, "
                + "minutes, description, status, opportunity_id, award, logged_by, logged_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", activities, (ps, a) -> {
            ps.setString(1, a.id());
            ps.setString(2, a.schemeId());
            ps.setString(3, a.memberId());
            ps.setString(4, a.organisationId());
            ps.setString(5, a.categoryId());
            ps.setObject(6, a.date());
            ps.setInt(7, a.minutes());
            ps.setString(8, a.description());
            ps.setString(9, a.status().name());
            ps.setString(10, a.opportunityId());
            ps.setString(11, a.award() == null ? null : a.award().name());
            ps.setString(12, a.loggedBy());
            ps.setObject(13, SqlTimes.of(a.loggedAt()));
        });
    }

    /** Records an approval or a rejection (typed binds, as {@link #insertAll}). */
    public void decideAll(List<Activity> decided) {
        sql.batch("UPDATE activity SET status = ?, decided_by = ?, decided_at = ?, entry_id = ?, "
                + "rejection_reason = ? WHERE id = ?", decided, (ps, a) -> {
            ps.setString(1, a.status().name());
            ps.setString(2, a.decidedBy());
            ps.setObject(3, SqlTimes.of(a.decidedAt()));
            ps.setString(4, a.entryId());
            ps.setString(5, a.rejectionReason());
            ps.setString(6, a.id());
        });
    }

    /** Records that an approval was undone, with the reason in the rejection reason's place. */
    public void markReversed(Activity a) {
        sql.update("UPDATE activity SET status = ?, rejection_reason = ? WHERE id = ?", a.status(), a.rejectionReason(), a.id());
    }

    public Optional<Activity> find(String id) {
        return sql.first("SELECT " + COLUMNS + FROM + " WHERE a.id = ?", ActivityStore::activity, id);
    }

    /**
     * Locks the activity's row and reads it: two coordinators approving it at once queue here,
     * and the second sees what the first decided.
     */
    public Optional<Activity> lock(String id) {
        boolean exists = sql.first("SELECT id FROM activity WHERE id = ? FOR UPDATE", rs -> rs.getString(1), id).isPresent();
        return exists ? find(id) : Optional.empty();
    }

    /**
     * Locks members' rows in ascending id order, so that two requests logging activities for the
     * same member check the daily and weekly limits one after the other, never both at once.
     * Taken before any account lock.
     */
    public void lockMembers(Collection<String> memberIds) {
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(memberIds));
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        sql.list("SELECT id FROM member WHERE id IN (" + marks + ") ORDER BY id " + memberLock, rs -> rs.getString(1), ids.toArray());
    }

    /** Minutes of a member's activities on a date approved by one EARN entry ({@code entryId}), or not yet approved (null). */
    /** Whether the member has any activity (of any status) with one of these organisations. */
    public boolean anyWith(String memberId, Collection<String> organisationIds) {
        if (organisationIds.isEmpty()) {
            return false;
        }
        String marks = String.join(", ", Collections.nCopies(organisationIds.size(), "?"));
        List<Object> args = new ArrayList<>();
        args.add(memberId);
        args.addAll(organisationIds);
        return sql.first("SELECT 1 FROM activity WHERE member_id = ? AND organisation_id IN (" + marks + ")",
                rs -> rs.getInt(1), args.toArray()).isPresent();
    }

    public record DayMinutes(String memberId, LocalDate date, String entryId, long minutes) {
    }

    /**
     * Minutes logged and not rejected, per member, date and EARN entry, for dates in [from, to].
     * Whether an entry was reversed since is the ledger's to say.
     */
    public List<DayMinutes> minutesByDay(Collection<String> memberIds, LocalDate from, LocalDate to) {
        List<String> ids = List.copyOf(new HashSet<>(memberIds));
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(ids);
        params.add(from);
        params.add(to);
        params.add(Activity.Status.REJECTED);
        return sql.list("SELECT member_id, activity_date, entry_id, SUM(minutes) FROM activity WHERE member_id IN ("
                + marks + ") AND activity_date >= ? AND activity_date <= ? AND status <> ? "
                + "GROUP BY member_id, activity_date, entry_id",
                rs -> new DayMinutes(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getLong(4)),
                params.toArray());
    }

    /** Which of these members already have the opportunity's award. */
    public Set<String> awarded(String opportunityId, Activity.Award award, Collection<String> memberIds) {
        List<String> ids = List.copyOf(new HashSet<>(memberIds));
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(opportunityId, award));
        params.addAll(ids);
        return new HashSet<>(sql.list("SELECT member_id FROM activity WHERE opportunity_id = ? AND award = ? "
                + "AND member_id IN (" + marks + ")", rs -> rs.getString(1), params.toArray()));
    }

    /** What a list of activities may be narrowed to; nulls are no filter. */
    public record Filter(String schemeId, Activity.Status status, Collection<String> organisationIds, String memberId,
                         LocalDate from, LocalDate to) {
    }

    /** Newest first: activities matching the filter with ids before {@code beforeId} (null: from the newest). */
    public List<Activity> page(Filter filter, String beforeId, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE a.scheme_id = ?");
        List<Object> args = new ArrayList<>(List.of(filter.schemeId()));
        if (beforeId != null) {
            query.append(" AND a.id < ?");
            args.add(beforeId);
        }
        if (filter.status() != null) {
            query.append(" AND a.status = ?");
            args.add(filter.status().name());
        }
        if (filter.organisationIds() != null) {
            query.append(" AND a.organisation_id IN (")
                    .append(String.join(", ", Collections.nCopies(filter.organisationIds().size(), "?"))).append(')');
            args.addAll(filter.organisationIds());
        }
        if (filter.memberId() != null) {
            query.append(" AND a.member_id = ?");
            args.add(filter.memberId());
        }
        if (filter.from() != null) {
            query.append(" AND a.activity_date >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            query.append(" AND a.activity_date <= ?");
            args.add(filter.to());
        }
        query.append(" ORDER BY a.id DESC LIMIT ?");
        args.add(limit);
        return sql.list(query.toString(), ActivityStore::activity, args.toArray());
    }

    private static Activity activity(ResultSet rs) throws SQLException {
        String award = rs.getString(13);
        return new Activity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getInt(9), rs.getString(10),
                Activity.Status.valueOf(rs.getString(11)), rs.getString(12), award == null ? null : Activity.Award.valueOf(award),
                rs.getString(14), SqlTimes.instant(rs, 15), rs.getString(16), SqlTimes.instant(rs, 17), rs.getString(18),
                rs.getString(19), rs.getString(20));
    }
}

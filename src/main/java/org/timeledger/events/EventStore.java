package org.timeledger.events;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The event feed's SQL. Every method needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class EventStore {
    private static final String COLUMNS = "id, scheme_id, feed_position, type, occurred_at, partner_id, entry_id, "
            + "entry_type, amount_minutes, account_ids, activity_id, member_id, organisation_id, redemption_id, refund_id";

    private final Sql sql;

    public EventStore(Sql sql) {
        this.sql = sql;
    }

    /** An event as stored: its id, and its position once the sequencer has given it one. */
    public record Stored(String id, Long position, Event event) {
    }

    /**
     * One INSERT (a batch of rows) on the write path; no position yet, and no lock taken. Bound
     * with types, so that a null in a row does not change the batch's parameter types.
     */
    public void insertAll(List<Stored> events) {
        sql.batch("INSERT INTO event (" + COLUMNS + ") VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events, (ps, stored) -> {
            Event e = stored.event();
            ps.setString(1, stored.id());
            ps.setString(2, e.schemeId());
            ps.setString(3, e.type().wireName());
            ps.setObject(4, SqlTimes.of(e.occurredAt()));
            ps.setString(5, e.partnerId());
            ps.setString(6, e.entryId());
            ps.setString(7, e.entryType());
            if (e.amountMinutes() == null) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, e.amountMinutes());
            }
            ps.setString(9, e.accountIds().isEmpty() ? null : String.join(" ", e.accountIds()));
            ps.setString(10, e.activityId());
            ps.setString(11, e.memberId());
            ps.setString(12, e.organisationId());
            ps.setString(13, e.redemptionId());
            ps.setString(14, e.refundId());
        });
    }

    // ---- the sequencer ----

    /** Locks the sequencer's row, so that one sequencer runs at a time across every instance. */
    public void lockSequencer() {
        sql.first("SELECT id FROM event_sequencer WHERE id = 1 FOR UPDATE", rs -> rs.getInt(1))
                .orElseThrow(() -> new IllegalStateException("event_sequencer has no row: V10__events.sql inserts it"));
    }

    /** The last position given in a scheme, as committed (0 before its first). */
    public long lastPosition(String schemeId) {
        return sql.first("SELECT last_position FROM event_scheme_head WHERE scheme_id = ?", rs -> rs.getLong(1), schemeId)
                .orElse(0L);
    }

    /** A committed event still without a position, and its scheme. */
    public record Waiting(String id, String schemeId) {
    }

    /** Committed events without a position, oldest id first. */
    public List<Waiting> unpositioned(int limit) {
        return sql.list("SELECT id, scheme_id FROM event WHERE feed_position IS NULL ORDER BY id LIMIT ?",
                rs -> new Waiting(rs.getString(1), rs.getString(2)), limit);
    }

    private record Positioned(String id, long position) {
    }

    /** Gives the events (of one scheme) positions {@code first}, {@code first + 1}, ... in the order given. */
    public void position(List<String> ids, long first) {
        List<Positioned> positioned = IntStream.range(0, ids.size()).mapToObj(i -> new Positioned(ids.get(i), first + i)).toList();
        int[] counts = sql.batch("UPDATE event SET feed_position = ? WHERE id = ? AND feed_position IS NULL", positioned,
                p -> new Object[]{p.position(), p.id()});
        // a position is given once; under the sequencer's lock nobody else gives one
        if (Arrays.stream(counts).anyMatch(c -> c != 1 && c != PreparedStatement.SUCCESS_NO_INFO)) {
            throw new IllegalStateException("an event was positioned by someone else: " + Arrays.toString(counts));
        }
    }

    /** Saves a scheme's last position given (its row made on its first). Under the sequencer's lock: nobody else writes it. */
    public void saveLastPosition(String schemeId, long last) {
        if (sql.update("UPDATE event_scheme_head SET last_position = ? WHERE scheme_id = ?", last, schemeId) == 0) {
            sql.update("INSERT INTO event_scheme_head (scheme_id, last_position) VALUES (?, ?)", schemeId, last);
        }
    }

    // ---- reading ----

    /**
     * A scheme's events (of one partner's, if {@code partnerId} is set) with positions after
     * {@code after} and at most {@code upTo}, in position order.
     */
    public List<Stored> page(String schemeId, String partnerId, long after, long upTo, int limit) {
        String query = "SELECT " + COLUMNS + " FROM event WHERE "
                + (partnerId == null ? "scheme_id = ?" : "partner_id = ? AND scheme_id = ?")
                + " AND feed_position > ? AND feed_position <= ? ORDER BY feed_position LIMIT ?";
        Object[] params = partnerId == null ? new Object[]{schemeId, after, upTo, limit}
                : new Object[]{partnerId, schemeId, after, upTo, limit};
        return sql.list(query, EventStore::stored, params);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        long amount = rs.getLong(9);
        Long amountMinutes = rs.wasNull() ? null : amount;
        String accounts = rs.getString(10);
        Event event = new Event(rs.getString(2), EventType.ofWireName(rs.getString(4)), SqlTimes.instant(rs, 5),
                rs.getString(6), rs.getString(7), rs.getString(8), amountMinutes,
                accounts == null ? List.of() : List.of(accounts.split(" ")), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15));
        return new Stored(rs.getString(1), rs.getLong(3), event);
    }
}

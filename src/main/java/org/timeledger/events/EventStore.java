package org.timeledger.events;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.support.SqlTimes;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The event feed's SQL. Every method runs on the caller's transaction. */
@Singleton
public class EventStore {
    private static final String COLUMNS = "id, scheme_id, feed_position, type, occurred_at, partner_id, entry_id, "
            + "entry_type, amount_minutes, account_ids, activity_id, member_id, organisation_id, redemption_id, refund_id";

    private final JdbcOperations jdbc;

    public EventStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** An event as stored: its id, and its position once the sequencer has given it one. */
    public record Stored(String id, Long position, Event event) {
    }

    /** One INSERT (a batch of rows) on the write path; no position yet, and no lock taken. */
    public void insertAll(List<Stored> events) {
        jdbc.prepareStatement("INSERT INTO event (" + COLUMNS + ") VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            for (Stored stored : events) {
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
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    // ---- the sequencer ----

    /** Locks the sequencer's row; answers the last position given. */
    public long lockSequencer() {
        return jdbc.prepareStatement("SELECT last_position FROM event_sequencer WHERE id = 1 FOR UPDATE", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("event_sequencer has no row: V10__events.sql inserts it");
                }
                return rs.getLong(1);
            }
        });
    }

    /** The last position given, as committed. */
    public long lastPosition() {
        return jdbc.prepareStatement("SELECT last_position FROM event_sequencer WHERE id = 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Committed events without a position, oldest id first. */
    public List<String> unpositioned(int limit) {
        return jdbc.prepareStatement("SELECT id FROM event WHERE feed_position IS NULL ORDER BY id LIMIT ?", ps -> {
            ps.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Gives the events positions {@code first}, {@code first + 1}, ... in the order given. */
    public void position(List<String> ids, long first) {
        int[] counts = jdbc.prepareStatement("UPDATE event SET feed_position = ? WHERE id = ? AND feed_position IS NULL", ps -> {
            long position = first;
            for (String id : ids) {
                ps.setLong(1, position++);
                ps.setString(2, id);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
        // a position is given once; under the sequencer's lock nobody else gives one
        if (Arrays.stream(counts).anyMatch(c -> c != 1 && c != PreparedStatement.SUCCESS_NO_INFO)) {
            throw new IllegalStateException("an event was positioned by someone else: " + Arrays.toString(counts));
        }
    }

    public void saveLastPosition(long last) {
        jdbc.prepareStatement("UPDATE event_sequencer SET last_position = ? WHERE id = 1", ps -> {
            ps.setLong(1, last);
            return ps.executeUpdate();
        });
    }

    // ---- reading ----

    /**
     * A scheme's events (of one partner's, if {@code partnerId} is set) with positions after
     * {@code after} and at most {@code upTo}, in position order.
     */
    public List<Stored> page(String schemeId, String partnerId, long after, long upTo, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM event WHERE "
                + (partnerId == null ? "scheme_id = ?" : "partner_id = ? AND scheme_id = ?")
                + " AND feed_position > ? AND feed_position <= ? ORDER BY feed_position LIMIT ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            if (partnerId != null) {
                ps.setString(i++, partnerId);
            }
            ps.setString(i++, schemeId);
            ps.setLong(i++, after);
            ps.setLong(i++, upTo);
            ps.setInt(i, limit);
            List<Stored> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(stored(rs));
                }
            }
            return events;
        });
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

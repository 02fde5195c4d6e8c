package org.timeledger.redemption;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Hold;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Redemptions', refunds' and settlements' SQL. Runs on the caller's transaction. */
@Singleton
public class RedemptionStore {
    private static final String COLUMNS = "r.id, r.scheme_id, r.partner_id, r.offer_id, r.member_id, r.funding_account_id, "
            + "r.hold_id, r.held_minutes, r.captured_minutes, r.refunded_minutes, r.till_reference, r.created_by, "
            + "r.created_at, r.entry_id, r.captured_at, h.status, h.expires_at, o.title, m.display_name";
    private static final String FROM = " FROM redemption r JOIN hold h ON h.id = r.hold_id "
            + "JOIN member m ON m.id = r.member_id LEFT JOIN offer o ON o.id = r.offer_id";

    private final JdbcOperations jdbc;
    private final String rowLock;

    public RedemptionStore(JdbcOperations jdbc, @Value("${datasources.default.url:}") String url) {
        this.jdbc = jdbc;
        // NO KEY UPDATE on PostgreSQL, so that a till's redemption, which refers to the partner,
        // does not wait for a settlement in progress
        this.rowLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** Locks the partner's row: settlements of one partner are worked out one at a time. */
    public void lockPartner(String partnerId) {
        jdbc.prepareStatement("SELECT id FROM partner WHERE id = ? " + rowLock, ps -> {
            ps.setString(1, partnerId);
            ps.executeQuery().close();
            return null;
        });
    }

    public void insert(Redemption r) {
        jdbc.prepareStatement("INSERT INTO redemption (id, scheme_id, partner_id, offer_id, member_id, funding_account_id, "
                + "hold_id, held_minutes, refunded_minutes, till_reference, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", ps -> {
            ps.setString(1, r.id());
            ps.setString(2, r.schemeId());
            ps.setString(3, r.partnerId());
            ps.setString(4, r.offerId());
            ps.setString(5, r.memberId());
            ps.setString(6, r.fundingAccountId());
            ps.setString(7, r.holdId());
            ps.setLong(8, r.heldMinutes());
            ps.setString(9, r.tillReference());
            ps.setString(10, r.createdBy());
            ps.setObject(11, SqlTimes.of(r.createdAt()));
            return ps.executeUpdate();
        });
    }

    public Optional<Redemption> find(String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE r.id = ?", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(redemption(rs)) : Optional.empty();
            }
        });
    }

    /**
     * Locks the redemption's row before anything else of it: captures, voids and refunds of one
     * redemption queue here, then lock accounts, then the hold.
     */
    public Optional<Redemption> lock(String id) {
        boolean exists = jdbc.prepareStatement("SELECT id FROM redemption WHERE id = ? FOR UPDATE", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        return exists ? find(id) : Optional.empty();
    }

    /** The redemptions of these holds (a hold of no redemption is absent). */
    public List<Redemption> ofHolds(java.util.Collection<String> holdIds) {
        String marks = String.join(", ", java.util.Collections.nCopies(holdIds.size(), "?"));
        return jdbc.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE r.hold_id IN (" + marks + ") ORDER BY r.id", ps -> {
            int i = 1;
            for (String id : holdIds) {
                ps.setString(i++, id);
            }
            List<Redemption> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(redemption(rs));
                }
            }
            return found;
        });
    }

    public void captured(String id, long minutes, String entryId, Instant at) {
        jdbc.prepareStatement("UPDATE redemption SET captured_minutes = ?, entry_id = ?, captured_at = ? WHERE id = ?", ps -> {
            ps.setLong(1, minutes);
            ps.setString(2, entryId);
            ps.setObject(3, SqlTimes.of(at));
            ps.setString(4, id);
            return ps.executeUpdate();
        });
    }

    /** A refund of (part of) a captured redemption, with its entry. */
    public record RefundRow(String id, String redemptionId, String entryId, long amountMinutes, String reason,
                            String createdBy, Instant createdAt) {
    }

    public void insertRefund(RefundRow refund) {
        jdbc.prepareStatement("INSERT INTO refund (id, redemption_id, entry_id, amount_minutes, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, refund.id());
            ps.setString(2, refund.redemptionId());
            ps.setString(3, refund.entryId());
            ps.setLong(4, refund.amountMinutes());
            ps.setString(5, refund.reason());
            ps.setString(6, refund.createdBy());
            ps.setObject(7, SqlTimes.of(refund.createdAt()));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE redemption SET refunded_minutes = refunded_minutes + ? WHERE id = ?", ps -> {
            ps.setLong(1, refund.amountMinutes());
            ps.setString(2, refund.redemptionId());
            return ps.executeUpdate();
        });
    }

    /**
     * Redemptions of an offer since {@code since} that count against its weekly quota: captured
     * ones, and holds still in force at {@code now}.
     */
    public long countTowardsQuota(String offerId, Instant since, Instant now) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM redemption r JOIN hold h ON h.id = r.hold_id "
                + "WHERE r.offer_id = ? AND r.created_at >= ? AND (h.status = 'CAPTURED' OR (h.status = 'HELD' AND h.expires_at > ?))",
                ps -> {
                    ps.setString(1, offerId);
                    ps.setObject(2, SqlTimes.of(since));
                    ps.setObject(3, SqlTimes.of(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** A partner's redemptions created in [from, to), oldest first, at most {@code limit}. */
    public List<Redemption> ofPartner(String partnerId, Instant from, Instant to, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE r.partner_id = ? AND r.created_at >= ? "
                + "AND r.created_at < ? ORDER BY r.created_at, r.id LIMIT ?", ps -> {
            ps.setString(1, partnerId);
            ps.setObject(2, SqlTimes.of(from));
            ps.setObject(3, SqlTimes.of(to));
            ps.setInt(4, limit);
            List<Redemption> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(redemption(rs));
                }
            }
            return found;
        });
    }

    // ---- settlements ----

    public record SettlementRow(String id, String schemeId, String partnerId, String entryId, long amountMinutes,
                                Instant upTo, String createdBy, Instant createdAt) {
    }

    public void insertSettlement(SettlementRow s) {
        jdbc.prepareStatement("INSERT INTO settlement (id, scheme_id, partner_id, entry_id, amount_minutes, up_to, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, s.id());
            ps.setString(2, s.schemeId());
            ps.setString(3, s.partnerId());
            ps.setString(4, s.entryId());
            ps.setLong(5, s.amountMinutes());
            ps.setObject(6, SqlTimes.of(s.upTo()));
            ps.setString(7, s.createdBy());
            ps.setObject(8, SqlTimes.of(s.createdAt()));
            return ps.executeUpdate();
        });
    }

    public List<SettlementRow> settlements(String partnerId) {
        return jdbc.prepareStatement("SELECT id, scheme_id, partner_id, entry_id, amount_minutes, up_to, created_by, created_at "
                + "FROM settlement WHERE partner_id = ? ORDER BY created_at, id", ps -> {
            ps.setString(1, partnerId);
            List<SettlementRow> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new SettlementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), SqlTimes.instant(rs, 6), rs.getString(7), SqlTimes.instant(rs, 8)));
                }
            }
            return found;
        });
    }

    /** What a partner's account took in, net, from entries posted up to {@code upTo}, settlements left out. */
    public long earnedUpTo(String accountId, Instant upTo) {
        return jdbc.prepareStatement("SELECT COALESCE(SUM(p.amount_minutes), 0) FROM posting p JOIN journal_entry e "
                + "ON e.id = p.entry_id WHERE p.account_id = ? AND e.posted_at <= ? AND e.type <> 'SETTLEMENT'", ps -> {
            ps.setString(1, accountId);
            ps.setObject(2, SqlTimes.of(upTo));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Redemption redemption(ResultSet rs) throws SQLException {
        long captured = rs.getLong(9);
        Long capturedMinutes = rs.wasNull() ? null : captured;
        return new Redemption(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), capturedMinutes, rs.getLong(10), rs.getString(11),
                rs.getString(12), SqlTimes.instant(rs, 13), rs.getString(14), SqlTimes.instant(rs, 15),
                Hold.Status.valueOf(rs.getString(16)), SqlTimes.instant(rs, 17), rs.getString(18), rs.getString(19));
    }
}

package org.timeledger.redemption;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Hold;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Redemptions', refunds' and settlements' SQL. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class RedemptionStore {
    private static final String COLUMNS = "r.id, r.scheme_id, r.partner_id, r.offer_id, r.member_id, r.funding_account_id, "
            + "r.hold_id, r.held_minutes, r.captured_minutes, r.refunded_minutes, r.till_reference, r.created_by, "
            + "r.created_at, r.entry_id, r.captured_at, h.status, h.expires_at, o.title, m.display_name";
    private static final String FROM = " FROM redemption r JOIN hold h ON h.id = r.hold_id "
            + "JOIN member m ON m.id = r.member_id LEFT JOIN offer o ON o.id = r.offer_id";

    private final Sql sql;
    private final String rowLock;

    public RedemptionStore(Sql sql, @Value("${datasources.default.url:}") String url) {
        this.sql = sql;
        // NO KEY UPDATE on PostgreSQL, so that a till's redemption, which refers to the partner,
        // does not wait for a settlement in progress
        this.rowLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** Locks the partner's row: settlements of one partner are worked out one at a time. */
    public void lockPartner(String partnerId) {
        sql.first("SELECT id FROM partner WHERE id = ? " + rowLock, rs -> rs.getString(1), partnerId);
    }

    public void insert(Redemption r) {
        sql.update("INSERT INTO redemption (id, scheme_id, partner_id, offer_id, member_id, funding_account_id, "
                + "hold_id, held_minutes, refunded_minutes, till_reference, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", r.id(), r.schemeId(), r.partnerId(), r.offerId(),
                r.memberId(), r.fundingAccountId(), r.holdId(), r.heldMinutes(), r.tillReference(), r.createdBy(),
                r.createdAt());
    }

    public Optional<Redemption> find(String id) {
        return sql.first("SELECT " + COLUMNS + FROM + " WHERE r.id = ?", RedemptionStore::redemption, id);
    }

    /**
     * Locks the redemption's row before anything else of it: captures, voids and refunds of one
     * redemption queue here, then lock accounts, then the hold.
     */
    public Optional<Redemption> lock(String id) {
        boolean exists = sql.first("SELECT id FROM redemption WHERE id = ? FOR UPDATE", rs -> rs.getString(1), id).isPresent();
        return exists ? find(id) : Optional.empty();
    }

    /** The redemptions of these holds (a hold of no redemption is absent). */
    public List<Redemption> ofHolds(Collection<String> holdIds) {
        String marks = String.join(", ", java.util.Collections.nCopies(holdIds.size(), "?"));
        return sql.list("SELECT " + COLUMNS + FROM + " WHERE r.hold_id IN (" + marks + ") ORDER BY r.id",
                RedemptionStore::redemption, holdIds.toArray());
    }

    public void captured(String id, long minutes, String entryId, Instant at) {
        sql.update("UPDATE redemption SET captured_minutes = ?, entry_id = ?, captured_at = ? WHERE id = ?", minutes, entryId, at, id);
    }

    /** A refund of (part of) a captured redemption, with its entry. */
    public record RefundRow(String id, String redemptionId, String entryId, long amountMinutes, String reason,
                            String createdBy, Instant createdAt) {
    }

    public void insertRefund(RefundRow refund) {
        sql.update("INSERT INTO refund (id, redemption_id, entry_id, amount_minutes, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", refund.id(), refund.redemptionId(), refund.entryId(), refund.amountMinutes(),
                refund.reason(), refund.createdBy(), refund.createdAt());
        sql.update("UPDATE redemption SET refunded_minutes = refunded_minutes + ? WHERE id = ?", refund.amountMinutes(),
                refund.redemptionId());
    }

    /**
     * Redemptions of an offer since {@code since} that count against its weekly quota: captured
     * ones, and holds still in force at {@code now}.
     */
    public long countTowardsQuota(String offerId, Instant since, Instant now) {
        return sql.single("SELECT COUNT(*) FROM redemption r JOIN hold h ON h.id = r.hold_id "
                + "WHERE r.offer_id = ? AND r.created_at >= ? AND (h.status = ? OR (h.status = ? AND h.expires_at > ?))",
                rs -> rs.getLong(1), offerId, since, Hold.Status.CAPTURED, Hold.Status.HELD, now);
    }

    /** A partner's redemptions created in [from, to), oldest first, at most {@code limit}. */
    public List<Redemption> ofPartner(String partnerId, Instant from, Instant to, int limit) {
        return sql.list("SELECT " + COLUMNS + FROM + " WHERE r.partner_id = ? AND r.created_at >= ? "
                + "AND r.created_at < ? ORDER BY r.created_at, r.id LIMIT ?", RedemptionStore::redemption, partnerId, from, to, limit);
    }

    // ---- settlements ----

    public record SettlementRow(String id, String schemeId, String partnerId, String entryId, long amountMinutes,
                                Instant upTo, String createdBy, Instant createdAt) {
    }

    public void insertSettlement(SettlementRow s) {
        sql.update("INSERT INTO settlement (id, scheme_id, partner_id, entry_id, amount_minutes, up_to, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.schemeId(), s.partnerId(), s.entryId(),
                s.amountMinutes(), s.upTo(), s.createdBy(), s.createdAt());
    }

    public List<SettlementRow> settlements(String partnerId) {
        return sql.list("SELECT id, scheme_id, partner_id, entry_id, amount_minutes, up_to, created_by, created_at "
                + "FROM settlement WHERE partner_id = ? ORDER BY created_at, id",
                rs -> new SettlementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), SqlTimes.instant(rs, 6), rs.getString(7), SqlTimes.instant(rs, 8)), partnerId);
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

package org.timeledger.timebank;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The payment_request table's SQL. Every method runs on the caller's transaction. */
@Singleton
public class PaymentRequestStore {
    private static final String COLUMNS = "id, scheme_id, helper_member_id, payer_member_id, minutes, category_id, help_date, "
            + "description, listing_id, status, created_by, created_at, expires_at, decided_at, decline_reason, entry_id";

    private final Sql sql;

    PaymentRequestStore(Sql sql) {
        this.sql = sql;
    }

    void insert(PaymentRequest r) {
        sql.update("INSERT INTO payment_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.schemeId(), r.helperMemberId(), r.payerMemberId(), r.minutes(), r.categoryId(), r.date(),
                r.description(), r.listingId(), r.status(), r.createdBy(), r.createdAt(), r.expiresAt(), r.decidedAt(),
                r.declineReason(), r.entryId());
    }

    Optional<PaymentRequest> find(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM payment_request WHERE id = ?", PaymentRequestStore::request, id);
    }

    /** Locks the request's row, so two answers to one request are made one after the other. */
    Optional<PaymentRequest> lock(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM payment_request WHERE id = ? FOR UPDATE", PaymentRequestStore::request, id);
    }

    void decide(PaymentRequest r) {
        sql.update("UPDATE payment_request SET status = ?, decided_at = ?, decline_reason = ?, entry_id = ? WHERE id = ?",
                r.status(), r.decidedAt(), r.declineReason(), r.entryId(), r.id());
    }

    /**
     * A member's requests, as payer ({@code incoming}) or as helper, newest first, before the
     * request {@code beforeId}. A status of EXPIRED means PENDING past its expiry at {@code now},
     * and PENDING leaves those out.
     */
    List<PaymentRequest> page(String memberId, boolean incoming, PaymentRequest.Status status, Instant now,
                              String beforeId, int limit) {
        StringBuilder where = new StringBuilder(incoming ? " WHERE payer_member_id = ?" : " WHERE helper_member_id = ?");
        List<Object> params = new ArrayList<>(List.of(memberId));
        if (status == PaymentRequest.Status.PENDING || status == PaymentRequest.Status.EXPIRED) {
            where.append(status == PaymentRequest.Status.PENDING ? " AND status = ? AND expires_at > ?" : " AND status = ? AND expires_at <= ?");
            params.add(PaymentRequest.Status.PENDING);
            params.add(now);
        } else if (status != null) {
            where.append(" AND status = ?");
            params.add(status);
        }
        if (beforeId != null) {
            where.append(" AND id < ?");
            params.add(beforeId);
        }
        params.add(limit);
        return sql.list("SELECT " + COLUMNS + " FROM payment_request" + where + " ORDER BY id DESC LIMIT ?",
                PaymentRequestStore::request, params.toArray());
    }

    /** Forgets what an erased member's requests say in words, and cancels those still PENDING. */
    void forgetMember(String memberId, String text) {
        sql.update("UPDATE payment_request SET description = ?, decline_reason = CASE WHEN decline_reason IS NULL THEN NULL "
                + "ELSE ? END WHERE payer_member_id = ? OR helper_member_id = ?", text, text, memberId, memberId);
        sql.update("UPDATE payment_request SET status = ? WHERE status = ? AND (payer_member_id = ? OR helper_member_id = ?)",
                PaymentRequest.Status.CANCELLED, PaymentRequest.Status.PENDING, memberId, memberId);
    }

    private static PaymentRequest request(ResultSet rs) throws SQLException {
        return new PaymentRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9),
                PaymentRequest.Status.valueOf(rs.getString(10)), rs.getString(11), SqlTimes.instant(rs, 12),
                SqlTimes.instant(rs, 13), SqlTimes.instant(rs, 14), rs.getString(15), rs.getString(16));
    }
}

package org.timeledger.audit;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit log's SQL: each scheme's head row (created on first use, then locked for every
 * append) and the rows, only ever inserted. Needs the caller's transaction: a store has no
 * connection of its own.
 */
@Singleton
public class AuditStore {
    private static final String COLUMNS = "scheme_id, sequence, recorded_at, actor_id, actor_name, actor_role, request_id, "
            + "action, subject_type, subject_id, changes, chain_hash";

    private final Sql sql;

    public AuditStore(Sql sql) {
        this.sql = sql;
    }

    /** A scheme's head: its last sequence and that row's hash. */
    public record Head(long lastSequence, String lastHash) {
    }

    /**
     * Locks the scheme's head row, creating it first if the scheme has none: appends for one
     * scheme take turns, so two never take the same sequence and none is skipped.
     */
    public Head lockHead(String schemeId) {
        sql.update("INSERT INTO audit_head (scheme_id, last_sequence, last_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
                schemeId, AuditHash.GENESIS);
        return sql.single("SELECT last_sequence, last_hash FROM audit_head WHERE scheme_id = ? FOR UPDATE",
                rs -> new Head(rs.getLong(1), rs.getString(2)), schemeId);
    }

    /** The head as stored (for reconciliation); none if the scheme has never had a row. */
    public java.util.Optional<Head> head(String schemeId) {
        return sql.first("SELECT last_sequence, last_hash FROM audit_head WHERE scheme_id = ?",
                rs -> new Head(rs.getLong(1), rs.getString(2)), schemeId);
    }

    public void append(AuditRecord r) {
        sql.update("INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.schemeId(), r.sequence(), r.at(), r.actorId(), r.actorName(), r.actorRole(), r.requestId(), r.action(),
                r.subjectType(), r.subjectId(), r.changes(), r.chainHash());
        sql.update("UPDATE audit_head SET last_sequence = ?, last_hash = ? WHERE scheme_id = ?",
                r.sequence(), r.chainHash(), r.schemeId());
    }

    /** Rows numbered after {@code afterSequence}, in order. */
    public List<AuditRecord> after(String schemeId, long afterSequence, int rows) {
        return sql.list("SELECT " + COLUMNS + " FROM audit_record WHERE scheme_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                AuditStore::record, schemeId, afterSequence, rows);
    }

    /** Every row of the scheme, in order, one at a time. */
    public void forEach(String schemeId, Consumer<AuditRecord> each) {
        sql.list("SELECT " + COLUMNS + " FROM audit_record WHERE scheme_id = ? ORDER BY sequence",
                AuditStore::record, schemeId).forEach(each);
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString(1), rs.getLong(2), SqlTimes.instant(rs, 3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }
}

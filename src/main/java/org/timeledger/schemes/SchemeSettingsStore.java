package org.timeledger.schemes;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of a scheme's settings history: the scheme row's lock, the next number, the rows
 * themselves (inserted, never updated or deleted). Needs
 * the caller's transaction: a store has no connection of its own.
 */
@Singleton
public class SchemeSettingsStore {
    private final Sql sql;
    private final String rowLock;

    public SchemeSettingsStore(Sql sql, @Value("${datasources.default.url:}") String url) {
        this.sql = sql;
        // as ListingStore: PostgreSQL's FOR UPDATE would also block inserts of rows naming the scheme
        this.rowLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** One field's change, as stored and shown. */
    public record Change(String schemeId, long seq, String field, String before, String after, String changedBy,
                         Instant changedAt) {
    }

    /** Locks the scheme's row, so two changes of its rules queue one after the other. */
    public void lock(String schemeId) {
        sql.single("SELECT id FROM scheme WHERE id = ? " + rowLock, rs -> rs.getString(1), schemeId);
    }

    public long lastSeq(String schemeId) {
        return sql.single("SELECT COALESCE(MAX(seq), 0) FROM scheme_setting_change WHERE scheme_id = ?",
                rs -> rs.getLong(1), schemeId);
    }

    public void insert(Collection<Change> changes) {
        sql.batch("INSERT INTO scheme_setting_change (scheme_id, seq, field, before_value, after_value, changed_by, "
                        + "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", changes,
                c -> new Object[] {c.schemeId(), c.seq(), c.field(), c.before(), c.after(), c.changedBy(), c.changedAt()});
    }

    /** Newest first, those numbered below {@code beforeSeq}. */
    public List<Change> history(String schemeId, long beforeSeq, int rows) {
        return sql.list("SELECT scheme_id, seq, field, before_value, after_value, changed_by, changed_at "
                        + "FROM scheme_setting_change WHERE scheme_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                SchemeSettingsStore::change, schemeId, beforeSeq, rows);
    }

    private static Change change(ResultSet rs) throws SQLException {
        return new Change(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), SqlTimes.instant(rs, 7));
    }
}

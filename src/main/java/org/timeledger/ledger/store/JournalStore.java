package org.timeledger.ledger.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryPosting;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.OwnerBalance;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The journal read in order, for an export: read-only, on the caller's transaction (a snapshot, so every entry is whole). */
@Singleton
public class JournalStore {
    private final JdbcOperations jdbc;
    private final Sql sql;

    public JournalStore(JdbcOperations jdbc, Sql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** Per kind and owner of the scheme's accounts, the sum of their postings by entries posted before {@code before}. */
    public List<OwnerBalance> balancesBefore(String schemeId, Instant before) {
        return sql.list("SELECT a.kind, a.owner_id, SUM(p.amount_minutes) FROM posting p "
                + "JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                + "WHERE a.scheme_id = ? AND e.posted_at < ? GROUP BY a.kind, a.owner_id",
                rs -> new OwnerBalance(AccountKind.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3)), schemeId, before);
    }

    /**
     * The postings of the scheme's entries posted in [from, to), ordered by the entry's posting
     * time and id, then by amount and account, each handed to the consumer as it is read.
     */
    public void forEachPosting(String schemeId, Instant from, Instant to, Consumer<EntryPosting> consumer) {
        // JdbcOperations, not Sql: the whole period's postings stream through a fetch size to the consumer, never held in a list
        jdbc.prepareStatement("SELECT e.id, e.type, e.memo, e.posted_at, a.kind, a.owner_id, p.amount_minutes "
                + "FROM journal_entry e JOIN posting p ON p.entry_id = e.id JOIN account a ON a.id = p.account_id "
                + "WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? "
                + "ORDER BY e.posted_at, e.id, p.amount_minutes, p.account_id", ps -> {
            ps.setString(1, schemeId);
            ps.setObject(2, SqlTimes.of(from));
            ps.setObject(3, SqlTimes.of(to));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new EntryPosting(rs.getString(1), EntryType.valueOf(rs.getString(2)), rs.getString(3),
                            SqlTimes.instant(rs, 4), AccountKind.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7)));
                }
            }
            return null;
        });
    }
}

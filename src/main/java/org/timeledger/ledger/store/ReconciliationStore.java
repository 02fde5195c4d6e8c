package org.timeledger.ledger.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.support.Sql;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Read-only queries for reconciliation: whole-scheme scans, streamed rather than loaded. */
@Singleton
public class ReconciliationStore {
    private final JdbcOperations jdbc;
    private final Sql sql;
    private final LedgerStore ledgerStore;

    public ReconciliationStore(JdbcOperations jdbc, Sql sql, LedgerStore ledgerStore) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.ledgerStore = ledgerStore;
    }

    public List<org.timeledger.ledger.model.FloorChange> floorChangesOfScheme(String schemeId) {
        return ledgerStore.floorChangesOfScheme(schemeId);
    }

    public List<Account> accountsOfScheme(String schemeId) {
        return ledgerStore.accountsOfScheme(schemeId);
    }

    /** A stored posting with its entry's fields, as the hash chain covers them. */
    public record StoredPosting(String accountId, long seq, long amountMinutes, long balanceAfterMinutes,
                                String chainHash, JournalEntry entry) {
    }

    /**
     * Every posting on the scheme's accounts, in (account, seq) order. Postings are found by
     * account, not by entry, so a posting moved into this scheme's accounts is seen too.
     */
    public void forEachPosting(String schemeId, Consumer<StoredPosting> consumer) {
        // JdbcOperations, not Sql: a whole scheme's postings stream through a fetch size to the consumer, never held in a list
        jdbc.prepareStatement("SELECT e.id, e.scheme_id, e.type, e.memo, e.actor, e.posted_at, e.reverses_entry_id, "
                + "e.on_behalf_of, p.account_id, p.seq, p.amount_minutes, p.balance_after_minutes, p.chain_hash "
                + "FROM posting p JOIN account a ON a.id = p.account_id JOIN journal_entry e ON e.id = p.entry_id "
                + "WHERE a.scheme_id = ? ORDER BY p.account_id, p.seq", ps -> {
            ps.setString(1, schemeId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JournalEntry entry = LedgerStore.entry(rs, List.of());
                    consumer.accept(new StoredPosting(rs.getString(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getString(13), entry));
                }
            }
            return null;
        });
    }

    /** An entry whose postings do not sum to zero, or that has fewer than two. */
    public record EntryTotal(String entryId, long postings, long sumMinutes) {
    }

    public void forEachUnbalancedEntry(String schemeId, Consumer<EntryTotal> consumer) {
        // JdbcOperations, not Sql: streamed through a fetch size to the consumer, as forEachPosting
        jdbc.prepareStatement("SELECT e.id, COUNT(p.entry_id), COALESCE(SUM(p.amount_minutes), 0) "
                + "FROM journal_entry e LEFT JOIN posting p ON p.entry_id = e.id WHERE e.scheme_id = ? "
                + "GROUP BY e.id HAVING COUNT(p.entry_id) < 2 OR COALESCE(SUM(p.amount_minutes), 0) <> 0 "
                + "ORDER BY e.id", ps -> {
            ps.setString(1, schemeId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new EntryTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return null;
        });
    }

    /** Per account of the scheme, the sum of its HELD holds (expired ones not yet marked included). */
    public Map<String, Long> openHolds(String schemeId) {
        Map<String, Long> sums = new HashMap<>();
        sql.list("SELECT account_id, SUM(amount_minutes) FROM hold WHERE scheme_id = ? AND status = ? GROUP BY account_id",
                rs -> new AccountSum(rs.getString(1), rs.getLong(2)), schemeId, Hold.Status.HELD)
                .forEach(sum -> sums.put(sum.accountId(), sum.minutes()));
        return sums;
    }

    private record AccountSum(String accountId, long minutes) {
    }

    public long countEntries(String schemeId) {
        return sql.single("SELECT COUNT(*) FROM journal_entry WHERE scheme_id = ?", rs -> rs.getLong(1), schemeId);
    }
}

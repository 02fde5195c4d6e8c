package org.timeledger.ledger.store;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.FloorChange;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.StatementLine;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The journal's SQL, written out by hand: this is the hot path, and a benchmark runs the same
 * statements over plain JDBC as its ceiling, so the entry's writes keep their typed binds and
 * batches ({@link Sql#batch} with a binder). Every method needs the caller's transaction: a store has no connection of its own.
 */
@Singleton
public class LedgerStore {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStore.class);
    private static final String ACCOUNT_COLUMNS =
            "id, scheme_id, kind, owner_id, balance_minutes, held_minutes, floor_minutes, posting_count, chain_head";

    private static final int IDS_PER_STATEMENT = 1000;

    private final Sql sql;

    public LedgerStore(Sql sql) {
        this.sql = sql;
    }

    public void insertAccount(Account account, Instant createdAt) {
        sql.update("INSERT INTO account (" + ACCOUNT_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                account.id(), account.schemeId(), account.kind(), account.ownerId(), account.balanceMinutes(),
                account.heldMinutes(), account.floorMinutes(), account.postingCount(), account.chainHead(), createdAt);
    }

    public Optional<Account> findAccount(String id) {
        return sql.first("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?", LedgerStore::account, id);
    }

    /**
     * Locks the given accounts in ascending id order, so two entries touching the same accounts
     * always queue in the same order and cannot deadlock. Ids that do not exist are absent.
     */
    public List<Account> lockAccounts(Collection<String> ids) {
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return sql.query("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id IN (" + marks + ") ORDER BY id FOR UPDATE",
                ps -> {
                    int i = 1;
                    for (String id : ids) {
                        ps.setString(i++, id);
                    }
                }, LedgerStore::account);
    }

    public void insertFloorChange(FloorChange change) {
        sql.update("INSERT INTO account_floor_change (account_id, seq, old_floor_minutes, new_floor_minutes, reason, "
                        + "changed_by, changed_at, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                change.accountId(), change.seq(), change.oldFloorMinutes(), change.newFloorMinutes(), change.reason(),
                change.changedBy(), change.changedAt(), change.chainHash());
        sql.update("UPDATE account SET floor_minutes = ? WHERE id = ?", change.newFloorMinutes(), change.accountId());
    }

    /**
     * The ids of a scheme's accounts of one kind whose floor is {@code floorMinutes} and was never
     * changed, or last changed with a reason starting {@code reasonPrefix}; in order of id.
     */
    public List<String> accountsAtFloor(String schemeId, AccountKind kind, long floorMinutes, String reasonPrefix) {
        return sql.list("SELECT a.id FROM account a WHERE a.scheme_id = ? AND a.kind = ? AND a.floor_minutes = ? "
                        + "AND NOT EXISTS (SELECT 1 FROM account_floor_change c WHERE c.account_id = a.id "
                        + "AND c.seq = (SELECT MAX(l.seq) FROM account_floor_change l WHERE l.account_id = a.id) "
                        + "AND c.reason NOT LIKE ?) ORDER BY a.id", rs -> rs.getString(1),
                schemeId, kind, floorMinutes, likePrefix(reasonPrefix));
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** An account's floor changes, oldest first. */
    public List<FloorChange> floorChanges(String accountId) {
        return sql.list(FLOOR_CHANGE_SELECT + " WHERE account_id = ? ORDER BY seq", LedgerStore::floorChange, accountId);
    }

    /** The floor changes of every account of a scheme, by account and oldest first. */
    public List<FloorChange> floorChangesOfScheme(String schemeId) {
        return sql.list(FLOOR_CHANGE_SELECT + " WHERE account_id IN (SELECT id FROM account WHERE scheme_id = ?) "
                + "ORDER BY account_id, seq", LedgerStore::floorChange, schemeId);
    }

    private static final String FLOOR_CHANGE_SELECT = "SELECT account_id, seq, old_floor_minutes, new_floor_minutes, reason, "
            + "changed_by, changed_at, chain_hash FROM account_floor_change";

    private static FloorChange floorChange(ResultSet rs) throws SQLException {
        long old = rs.getLong(3);
        Long oldFloor = rs.wasNull() ? null : old;
        long now = rs.getLong(4);
        Long newFloor = rs.wasNull() ? null : now;
        return new FloorChange(rs.getString(1), rs.getInt(2), oldFloor, newFloor, rs.getString(5), rs.getString(6),
                SqlTimes.instant(rs, 7), rs.getString(8));
    }

    public List<Account> accountsOfScheme(String schemeId) {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE scheme_id = ? ORDER BY id", LedgerStore::account, schemeId);
    }

    public void insertEntries(List<JournalEntry> entries) {
        sql.batch("INSERT INTO journal_entry (id, scheme_id, type, memo, actor, posted_at, reverses_entry_id, on_behalf_of) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries, (ps, entry) -> {
            ps.setString(1, entry.id());
            ps.setString(2, entry.schemeId());
            ps.setString(3, entry.type().name());
            ps.setString(4, entry.memo());
            ps.setString(5, entry.actor());
            ps.setObject(6, SqlTimes.of(entry.postedAt()));
            ps.setString(7, entry.reversesEntryId());
            ps.setString(8, entry.onBehalfOf());
        });
    }

    /** A posting as written, with its place in its account's chain. */
    public record PostingRow(String accountId, long seq, String entryId, long amountMinutes,
                             long balanceAfterMinutes, String chainHash) {
    }

    public void insertPostings(List<PostingRow> rows) {
        sql.batch("INSERT INTO posting (account_id, seq, entry_id, amount_minutes, balance_after_minutes, chain_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows, (ps, row) -> {
            ps.setString(1, row.accountId());
            ps.setLong(2, row.seq());
            ps.setString(3, row.entryId());
            ps.setLong(4, row.amountMinutes());
            ps.setLong(5, row.balanceAfterMinutes());
            ps.setString(6, row.chainHash());
        });
    }

    /** An account as this transaction locked it, and as it is to be written. */
    public record AccountChange(Account before, Account after) {
    }

    /**
     * Writes the new balance, held amount and chain head of accounts locked earlier in this
     * transaction, only where the row still holds what the lock read: the lock should make that
     * certain, and this checks it a second time. Once, under kill -9 chaos on H2, a till's hold
     * was lost this way (a refund on the same account wrote back a held amount read without the
     * hold; scripts/chaos found it). A row found changed fails the transaction as a
     * serialization failure (40001), which Transactions runs again from the start.
     */
    public void updateAccounts(List<AccountChange> changes) {
        int[] counts = sql.batch("UPDATE account SET balance_minutes = ?, held_minutes = ?, posting_count = ?, "
                + "chain_head = ? WHERE id = ? AND balance_minutes = ? AND held_minutes = ? AND posting_count = ?", changes, (ps, change) -> {
            Account after = change.after();
            ps.setLong(1, after.balanceMinutes());
            ps.setLong(2, after.heldMinutes());
            ps.setLong(3, after.postingCount());
            ps.setString(4, after.chainHead());
            ps.setString(5, after.id());
            ps.setLong(6, change.before().balanceMinutes());
            ps.setLong(7, change.before().heldMinutes());
            ps.setLong(8, change.before().postingCount());
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                String message = "Account " + changes.get(i).after().id() + " changed under this transaction's lock";
                LOG.warn("{}; running the transaction again", message);
                throw new DataAccessException(message, new SQLException(message, "40001"));
            }
        }
    }

    // ---- holds ----

    private static final String HOLD_COLUMNS = "id, scheme_id, account_id, amount_minutes, status, expires_at, created_at, resolved_at";

    public void insertHold(Hold hold) {
        sql.update("INSERT INTO hold (" + HOLD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", hold.id(), hold.schemeId(),
                hold.accountId(), hold.amountMinutes(), hold.status(), hold.expiresAt(), hold.createdAt(), hold.resolvedAt());
    }

    public Optional<Hold> findHold(String id) {
        return sql.first("SELECT " + HOLD_COLUMNS + " FROM hold WHERE id = ?", LedgerStore::hold, id);
    }

    /** Locks a hold's row (after its account's, as every path does) and reads it. */
    public Optional<Hold> lockHold(String id) {
        return sql.first("SELECT " + HOLD_COLUMNS + " FROM hold WHERE id = ? FOR UPDATE", LedgerStore::hold, id);
    }

    /** The HELD holds of these accounts that are past their expiry at {@code now}, locked. */
    public List<Hold> lockDueHolds(Collection<String> accountIds, Instant now) {
        String marks = String.join(", ", java.util.Collections.nCopies(accountIds.size(), "?"));
        Object[] params = accountIds.toArray(new Object[accountIds.size() + 2]);
        params[accountIds.size()] = Hold.Status.HELD;
        params[accountIds.size() + 1] = now;
        return sql.list("SELECT " + HOLD_COLUMNS + " FROM hold WHERE account_id IN (" + marks + ") AND status = ? "
                + "AND expires_at <= ? ORDER BY id FOR UPDATE", LedgerStore::hold, params);
    }

    /** Accounts with a HELD hold past its expiry: work for the sweep. */
    public List<String> accountsWithDueHolds(Instant now, int limit) {
        return sql.list("SELECT DISTINCT account_id FROM hold WHERE status = ? AND expires_at <= ? "
                + "ORDER BY account_id LIMIT ?", rs -> rs.getString(1), Hold.Status.HELD, now, limit);
    }

    /** What an account's HELD holds set aside at {@code now}, the expired ones left out. */
    public long heldInForce(String accountId, Instant now) {
        return sql.single("SELECT COALESCE(SUM(amount_minutes), 0) FROM hold WHERE account_id = ? "
                + "AND status = ? AND expires_at > ?", rs -> rs.getLong(1), accountId, Hold.Status.HELD, now);
    }

    /** HELD holds not past their expiry at {@code now}, in every scheme: a range of the hold_due index. */
    public long countHoldsInForce(Instant now) {
        return sql.single("SELECT COUNT(*) FROM hold WHERE status = ? AND expires_at > ?", rs -> rs.getLong(1),
                Hold.Status.HELD, now);
    }

    public void resolveHolds(Collection<String> holdIds, Hold.Status status, Instant at) {
        sql.batch("UPDATE hold SET status = ?, resolved_at = ? WHERE id = ?", holdIds, id -> new Object[]{status, at, id});
    }

    private static Hold hold(ResultSet rs) throws SQLException {
        return new Hold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                Hold.Status.valueOf(rs.getString(5)), SqlTimes.instant(rs, 6), SqlTimes.instant(rs, 7),
                SqlTimes.instant(rs, 8));
    }

    public Optional<JournalEntry> findEntry(String id) {
        Optional<JournalEntry> header = sql.first("SELECT " + ENTRY_COLUMNS + " FROM journal_entry WHERE id = ?",
                rs -> entry(rs, List.of()), id);
        return header.map(e -> new JournalEntry(e.id(), e.schemeId(), e.type(), e.memo(), e.actor(), e.postedAt(),
                e.reversesEntryId(), e.onBehalfOf(), postingsOf(e.id())));
    }

    private List<Posting> postingsOf(String entryId) {
        return sql.list("SELECT account_id, amount_minutes FROM posting WHERE entry_id = ? ORDER BY amount_minutes, account_id",
                rs -> new Posting(rs.getString(1), rs.getLong(2)), entryId);
    }

    /** Which of these entries a later entry reverses. */
    public Set<String> reversedAmong(Collection<String> entryIds) {
        // in slices, so that a register's many entries never pass the driver's limit of parameters
        List<String> ids = List.copyOf(entryIds);
        Set<String> reversed = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            String marks = String.join(", ", java.util.Collections.nCopies(slice.size(), "?"));
            reversed.addAll(sql.list("SELECT reverses_entry_id FROM journal_entry WHERE reverses_entry_id IN (" + marks + ")",
                    rs -> rs.getString(1), slice.toArray()));
        }
        return reversed;
    }

    /** The id of the entry that reverses the given one, if any. */
    public Optional<String> findReversalOf(String entryId) {
        return sql.first("SELECT id FROM journal_entry WHERE reverses_entry_id = ?", rs -> rs.getString(1), entryId);
    }

    /**
     * An account's balance at a moment: the sum of its postings whose entries were posted by
     * then. Summed rather than read from a posting's balance-after, so that it does not depend
     * on postings' order matching their entries' times.
     */
    public long balanceAsOf(String accountId, Instant asOf) {
        return sql.single("SELECT COALESCE(SUM(p.amount_minutes), 0) FROM posting p JOIN journal_entry e "
                + "ON e.id = p.entry_id WHERE p.account_id = ? AND e.posted_at <= ?", rs -> rs.getLong(1), accountId, asOf);
    }

    /** As {@link #balanceAsOf}, the postings of entries of one type left out. */
    public long balanceAsOfExcept(String accountId, Instant asOf, EntryType leftOut) {
        return sql.single("SELECT COALESCE(SUM(p.amount_minutes), 0) FROM posting p JOIN journal_entry e "
                + "ON e.id = p.entry_id WHERE p.account_id = ? AND e.posted_at <= ? AND e.type <> ?",
                rs -> rs.getLong(1), accountId, asOf, leftOut);
    }

    /** Newest first: the postings of an account with seq below {@code beforeSeq}. */
    public List<StatementLine> statement(String accountId, long beforeSeq, int limit) {
        return sql.list("SELECT p.seq, p.entry_id, e.posted_at, e.type, e.memo, p.amount_minutes, p.balance_after_minutes "
                + "FROM posting p JOIN journal_entry e ON e.id = p.entry_id "
                + "WHERE p.account_id = ? AND p.seq < ? ORDER BY p.seq DESC LIMIT ?",
                rs -> new StatementLine(rs.getLong(1), rs.getString(2), SqlTimes.instant(rs, 3),
                        EntryType.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getLong(7)),
                accountId, beforeSeq, limit);
    }

    static Account account(ResultSet rs) throws SQLException {
        long floor = rs.getLong(7);
        Long floorMinutes = rs.wasNull() ? null : floor;
        return new Account(rs.getString(1), rs.getString(2), AccountKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getLong(5), rs.getLong(6), floorMinutes, rs.getLong(8), rs.getString(9));
    }

    /** The columns {@link #entry} reads, in its order. */
    static final String ENTRY_COLUMNS = "id, scheme_id, type, memo, actor, posted_at, reverses_entry_id, on_behalf_of";

    static JournalEntry entry(ResultSet rs, List<Posting> postings) throws SQLException {
        return new JournalEntry(rs.getString(1), rs.getString(2), EntryType.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), SqlTimes.instant(rs, 6), rs.getString(7), rs.getString(8), postings);
    }

    /** The ids of a scheme's accounts of one kind, in id order. */
    public List<String> accountIdsOfKind(String schemeId, AccountKind kind) {
        return sql.list("SELECT id FROM account WHERE scheme_id = ? AND kind = ? ORDER BY id", rs -> rs.getString(1),
                schemeId, kind);
    }
}

package org.timeledger.ledger.store;

import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Checkpoint;
import org.timeledger.ledger.model.ChainHeadAt;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checkpoint tables (V9__checkpoints.sql): written on the caller's transaction. */
@Singleton
public class CheckpointStore {
    private static final String COLUMNS = "id, scheme_id, number, created_at, entries, postings, accounts, "
            + "balance_sum_minutes, outstanding_minutes, digest";

    private final Sql sql;

    public CheckpointStore(Sql sql) {
        this.sql = sql;
    }

    /** One writer of a scheme's checkpoints at a time, on any instance. */
    public void lockScheme(String schemeId) {
        sql.first("SELECT id FROM scheme WHERE id = ? FOR UPDATE", rs -> rs.getString(1), schemeId);
    }

    /** Each account's seq in the scheme's latest checkpoint. */
    public Map<String, Long> state(String schemeId) {
        Map<String, Long> state = new HashMap<>();
        sql.list("SELECT account_id, seq FROM checkpoint_state WHERE scheme_id = ?",
                rs -> new AccountSeq(rs.getString(1), rs.getLong(2)), schemeId)
                .forEach(at -> state.put(at.accountId(), at.seq()));
        return state;
    }

    private record AccountSeq(String accountId, long seq) {
    }

    public long lastNumber(String schemeId) {
        return sql.single("SELECT COALESCE(MAX(number), 0) FROM checkpoint WHERE scheme_id = ?", rs -> rs.getLong(1), schemeId);
    }

    public void insert(Checkpoint c, List<ChainHeadAt> moved) {
        sql.update("INSERT INTO checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.schemeId(),
                c.number(), c.createdAt(), c.entries(), c.postings(), c.accounts(), c.balanceSumMinutes(),
                c.outstandingMinutes(), c.digest());
        sql.batch("INSERT INTO checkpoint_head (checkpoint_id, account_id, seq, chain_head) VALUES (?, ?, ?, ?)", moved,
                head -> new Object[]{c.id(), head.accountId(), head.seq(), head.chainHead()});
    }

    /** Records the accounts' seqs as the scheme's latest (the caller holds the scheme's lock). */
    public void moveState(String schemeId, List<ChainHeadAt> moved, Map<String, Long> before) {
        sql.batch("UPDATE checkpoint_state SET seq = ? WHERE scheme_id = ? AND account_id = ?",
                moved.stream().filter(head -> before.containsKey(head.accountId())).toList(),
                head -> new Object[]{head.seq(), schemeId, head.accountId()});
        sql.batch("INSERT INTO checkpoint_state (scheme_id, account_id, seq) VALUES (?, ?, ?)",
                moved.stream().filter(head -> !before.containsKey(head.accountId())).toList(),
                head -> new Object[]{schemeId, head.accountId(), head.seq()});
    }

    /** The scheme's checkpoints, newest first, numbered below {@code beforeNumber}. */
    public List<Checkpoint> page(String schemeId, long beforeNumber, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM checkpoint WHERE scheme_id = ? AND number < ? "
                + "ORDER BY number DESC LIMIT ?", CheckpointStore::checkpoint, schemeId, beforeNumber, limit);
    }

    public Optional<Checkpoint> find(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM checkpoint WHERE id = ?", CheckpointStore::checkpoint, id);
    }

    /** Where every account's chain stood at checkpoint {@code number}: its rows over those of the ones before it. */
    public Map<String, ChainHeadAt> headsAt(String schemeId, long number) {
        Map<String, ChainHeadAt> heads = new HashMap<>();
        sql.list("SELECT h.account_id, h.seq, h.chain_head FROM checkpoint_head h "
                + "JOIN checkpoint c ON c.id = h.checkpoint_id WHERE c.scheme_id = ? AND c.number <= ? ORDER BY c.number",
                rs -> new ChainHeadAt(rs.getString(1), rs.getLong(2), rs.getString(3)), schemeId, number)
                .forEach(head -> heads.put(head.accountId(), head));
        return heads;
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getString(1), rs.getString(2), rs.getLong(3), SqlTimes.instant(rs, 4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10));
    }
}

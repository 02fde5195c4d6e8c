package org.timeledger.ledger.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Checkpoint;
import org.timeledger.ledger.model.ChainHeadAt;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checkpoint tables (V9__checkpoints.sql): written on the caller's transaction. */
@Singleton
public class CheckpointStore {
    private static final String COLUMNS = "id, scheme_id, number, created_at, entries, postings, accounts, "
            + "balance_sum_minutes, outstanding_minutes, digest";

    private final JdbcOperations jdbc;

    public CheckpointStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One writer of a scheme's checkpoints at a time, on any instance. */
    public void lockScheme(String schemeId) {
        jdbc.prepareStatement("SELECT id FROM scheme WHERE id = ? FOR UPDATE", ps -> {
            ps.setString(1, schemeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Each account's seq in the scheme's latest checkpoint. */
    public Map<String, Long> state(String schemeId) {
        return jdbc.prepareStatement("SELECT account_id, seq FROM checkpoint_state WHERE scheme_id = ?", ps -> {
            ps.setString(1, schemeId);
            Map<String, Long> state = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    state.put(rs.getString(1), rs.getLong(2));
                }
            }
            return state;
        });
    }

    public long lastNumber(String schemeId) {
        return jdbc.prepareStatement("SELECT COALESCE(MAX(number), 0) FROM checkpoint WHERE scheme_id = ?", ps -> {
            ps.setString(1, schemeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public void insert(Checkpoint c, List<ChainHeadAt> moved) {
        jdbc.prepareStatement("INSERT INTO checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, c.id());
            ps.setString(2, c.schemeId());
            ps.setLong(3, c.number());
            ps.setObject(4, SqlTimes.of(c.createdAt()));
            ps.setLong(5, c.entries());
            ps.setLong(6, c.postings());
            ps.setLong(7, c.accounts());
            ps.setLong(8, c.balanceSumMinutes());
            ps.setLong(9, c.outstandingMinutes());
            ps.setString(10, c.digest());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO checkpoint_head (checkpoint_id, account_id, seq, chain_head) VALUES (?, ?, ?, ?)", ps -> {
            for (ChainHeadAt head : moved) {
                ps.setString(1, c.id());
                ps.setString(2, head.accountId());
                ps.setLong(3, head.seq());
                ps.setString(4, head.chainHead());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Records the accounts' seqs as the scheme's latest (the caller holds the scheme's lock). */
    public void moveState(String schemeId, List<ChainHeadAt> moved, Map<String, Long> before) {
        jdbc.prepareStatement("UPDATE checkpoint_state SET seq = ? WHERE scheme_id = ? AND account_id = ?", ps -> {
            for (ChainHeadAt head : moved) {
                if (before.containsKey(head.accountId())) {
                    ps.setLong(1, head.seq());
                    ps.setString(2, schemeId);
                    ps.setString(3, head.accountId());
                    ps.addBatch();
                }
            }
            return ps.executeBatch();
        });
        jdbc.prepareStatement("INSERT INTO checkpoint_state (scheme_id, account_id, seq) VALUES (?, ?, ?)", ps -> {
            for (ChainHeadAt head : moved) {
                if (!before.containsKey(head.accountId())) {
                    ps.setString(1, schemeId);
                    ps.setString(2, head.accountId());
                    ps.setLong(3, head.seq());
                    ps.addBatch();
                }
            }
            return ps.executeBatch();
        });
    }

    /** The scheme's checkpoints, newest first, numbered below {@code beforeNumber}. */
    public List<Checkpoint> page(String schemeId, long beforeNumber, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM checkpoint WHERE scheme_id = ? AND number < ? "
                + "ORDER BY number DESC LIMIT ?", ps -> {
            ps.setString(1, schemeId);
            ps.setLong(2, beforeNumber);
            ps.setInt(3, limit);
            List<Checkpoint> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(checkpoint(rs));
                }
            }
            return found;
        });
    }

    public Optional<Checkpoint> find(String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM checkpoint WHERE id = ?", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.<Checkpoint>empty();
            }
        });
    }

    /** Where every account's chain stood at checkpoint {@code number}: its rows over those of the ones before it. */
    public Map<String, ChainHeadAt> headsAt(String schemeId, long number) {
        return jdbc.prepareStatement("SELECT h.account_id, h.seq, h.chain_head FROM checkpoint_head h "
                + "JOIN checkpoint c ON c.id = h.checkpoint_id WHERE c.scheme_id = ? AND c.number <= ? ORDER BY c.number", ps -> {
            ps.setString(1, schemeId);
            ps.setLong(2, number);
            Map<String, ChainHeadAt> heads = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), new ChainHeadAt(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return heads;
        });
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getString(1), rs.getString(2), rs.getLong(3), SqlTimes.instant(rs, 4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10));
    }
}

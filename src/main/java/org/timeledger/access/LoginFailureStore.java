package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.time.Instant;
import java.util.List;

/** The login_failure table, for {@link LoginFailures}. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class LoginFailureStore {
    private final Sql sql;

    public LoginFailureStore(Sql sql) {
        this.sql = sql;
    }

    /** A failure as counted: when, and the attempt's id. */
    public record Failure(String id, Instant at) {
    }

    /** The failures for a username from an address after {@code since}, newest first, at most {@code limit}. */
    public List<Failure> recent(String username, String address, Instant since, int limit) {
        return sql.list("SELECT id, failed_at FROM login_failure WHERE username = ? AND client_address = ? AND failed_at > ? "
                        + "ORDER BY failed_at DESC, id DESC LIMIT ?",
                rs -> new Failure(rs.getString(1), SqlTimes.instant(rs, 2)), username, address, since, limit);
    }

    public void insert(String attemptId, String username, String address, Instant at) {
        sql.update("INSERT INTO login_failure (id, username, client_address, failed_at) VALUES (?, ?, ?, ?)",
                attemptId, username, address, at);
    }

    public void delete(String attemptId) {
        sql.update("DELETE FROM login_failure WHERE id = ?", attemptId);
    }

    public void deleteOf(String username) {
        sql.update("DELETE FROM login_failure WHERE username = ?", username);
    }

    public void deleteOf(String username, String address) {
        sql.update("DELETE FROM login_failure WHERE username = ? AND client_address = ?", username, address);
    }

    public void deleteUpTo(Instant before) {
        sql.update("DELETE FROM login_failure WHERE failed_at <= ?", before);
    }
}

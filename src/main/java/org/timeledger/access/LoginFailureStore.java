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

    /** The latest failures after {@code since}, newest first, at most {@code limit}. */
    public List<Instant> recent(String username, Instant since, int limit) {
        return sql.list("SELECT failed_at FROM login_failure WHERE username = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT ?",
                rs -> SqlTimes.instant(rs, 1), username, since, limit);
    }

    public void insert(String attemptId, String username, Instant at) {
        sql.update("INSERT INTO login_failure (id, username, failed_at) VALUES (?, ?, ?)", attemptId, username, at);
    }

    public void delete(String attemptId) {
        sql.update("DELETE FROM login_failure WHERE id = ?", attemptId);
    }

    public void deleteOf(String username) {
        sql.update("DELETE FROM login_failure WHERE username = ?", username);
    }

    public void deleteUpTo(Instant before) {
        sql.update("DELETE FROM login_failure WHERE failed_at <= ?", before);
    }
}

package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** Users' session epochs (app_user) and their logins (user_login), as the request filter checks them. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class SessionStore {
    private final Sql sql;

    public SessionStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * The user's session epoch, if the user exists and can log in (has a password, is not a
     * deactivated staff user) and this login of theirs has not ended.
     */
    public Optional<Integer> epochOfOpen(String userId, String loginId) {
        return sql.first("SELECT u.session_epoch FROM app_user u JOIN user_login l ON l.user_id = u.id "
                        + "WHERE u.id = ? AND l.id = ? AND u.password_hash IS NOT NULL AND u.deactivated_at IS NULL "
                        + "AND l.ended_at IS NULL",
                rs -> rs.getInt(1), userId, loginId);
    }

    public void insert(String loginId, String userId, Instant at) {
        sql.update("INSERT INTO user_login (id, user_id, created_at) VALUES (?, ?, ?)", loginId, userId, at);
    }

    public boolean isOpen(String loginId) {
        return sql.first("SELECT 1 FROM user_login WHERE id = ? AND ended_at IS NULL", rs -> true, loginId).isPresent();
    }

    public void end(String loginId, Instant at) {
        sql.update("UPDATE user_login SET ended_at = ? WHERE id = ? AND ended_at IS NULL", at, loginId);
    }
}

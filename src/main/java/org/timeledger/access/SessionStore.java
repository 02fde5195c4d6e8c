package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.util.Optional;

/** Users' session epochs (app_user), as the request filter checks them. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class SessionStore {
    private final Sql sql;

    public SessionStore(Sql sql) {
        this.sql = sql;
    }

    /** The user's session epoch, if the user exists and can log in (has a password). */
    public Optional<Integer> epochOfEnabled(String userId) {
        return sql.first("SELECT session_epoch FROM app_user WHERE id = ? AND password_hash IS NOT NULL",
                rs -> rs.getInt(1), userId);
    }
}

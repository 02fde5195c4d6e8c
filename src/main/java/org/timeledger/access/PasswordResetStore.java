package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** The password_reset_code table, for {@link PasswordResets}: codes stored as hashes. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class PasswordResetStore {
    private final Sql sql;

    public PasswordResetStore(Sql sql) {
        this.sql = sql;
    }

    /** An unused, unexpired code: its row and its staff user. */
    public record Usable(String id, String userId) {
    }

    public Optional<Usable> findUsable(String codeHash, Instant now) {
        return sql.first("SELECT id, user_id FROM password_reset_code WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                rs -> new Usable(rs.getString(1), rs.getString(2)), codeHash, now);
    }

    /** Counts one refused try against a code; once it reaches {@code limit}, the code is spent. Answers whether it is. */
    public boolean refuse(String id, int limit, Instant at) {
        sql.update("UPDATE password_reset_code SET refused_tries = refused_tries + 1 WHERE id = ? AND used_at IS NULL", id);
        return sql.update("UPDATE password_reset_code SET used_at = ? WHERE id = ? AND used_at IS NULL AND refused_tries >= ?",
                at, id, limit) == 1;
    }

    /** Marks the code used; false if it was used already (of two simultaneous resets with one code, one wins). */
    public boolean markUsed(String id, Instant at) {
        return sql.update("UPDATE password_reset_code SET used_at = ? WHERE id = ? AND used_at IS NULL", at, id) == 1;
    }

    public void insert(String id, String userId, String codeHash, String createdBy, Instant createdAt, Instant expiresAt) {
        sql.update("INSERT INTO password_reset_code (id, user_id, code_hash, created_by, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, userId, codeHash, createdBy, createdAt, expiresAt);
    }

    /** Marks every unused code of the user used. */
    public void supersede(String userId, Instant at) {
        sql.update("UPDATE password_reset_code SET used_at = ? WHERE user_id = ? AND used_at IS NULL", at, userId);
    }
}

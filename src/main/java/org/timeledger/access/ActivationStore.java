package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** The activation_code table, for {@link Activations}: codes stored as hashes. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class ActivationStore {
    private final Sql sql;

    public ActivationStore(Sql sql) {
        this.sql = sql;
    }

    /** An unused, unexpired code: its row and its member. */
    public record Usable(String id, String memberId) {
    }

    /** Counts one refused try against a code; once it reaches {@code limit}, the code is spent. Answers whether it is. */
    public boolean refuse(String id, int limit, Instant at) {
        sql.update("UPDATE activation_code SET refused_tries = refused_tries + 1 WHERE id = ? AND used_at IS NULL", id);
        return sql.update("UPDATE activation_code SET used_at = ? WHERE id = ? AND used_at IS NULL AND refused_tries >= ?",
                at, id, limit) == 1;
    }

    public Optional<Usable> findUsable(String codeHash, Instant now) {
        return sql.first("SELECT id, member_id FROM activation_code WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                rs -> new Usable(rs.getString(1), rs.getString(2)), codeHash, now);
    }

    /** Marks the code used; false if it was used already. */
    public boolean markUsed(String id, Instant at) {
        // the condition on used_at makes two simultaneous activations with one code end with one winner
        return sql.update("UPDATE activation_code SET used_at = ? WHERE id = ? AND used_at IS NULL", at, id) == 1;
    }

    public void insert(String id, String memberId, String codeHash, String createdBy, Instant createdAt, Instant expiresAt) {
        sql.update("INSERT INTO activation_code (id, member_id, code_hash, created_by, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, memberId, codeHash, createdBy, createdAt, expiresAt);
    }

    /** Marks every unused code of the member used. */
    public void supersede(String memberId, Instant at) {
        sql.update("UPDATE activation_code SET used_at = ? WHERE member_id = ? AND used_at IS NULL", at, memberId);
    }
}

package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** The refresh_token table, for {@link RefreshTokens}: tokens stored as hashes. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class RefreshTokenStore {
    private final Sql sql;

    public RefreshTokenStore(Sql sql) {
        this.sql = sql;
    }

    public void insert(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        sql.update("INSERT INTO refresh_token (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash, userId, createdAt, expiresAt);
    }

    /** The user of a token neither revoked nor expired at {@code now}. */
    public Optional<String> userOf(String tokenHash, Instant now) {
        return sql.first("SELECT user_id FROM refresh_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                rs -> rs.getString(1), tokenHash, now);
    }

    public void revoke(String tokenHash, Instant at) {
        sql.update("UPDATE refresh_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", at, tokenHash);
    }

    public void revokeAllOf(String userId, Instant at) {
        sql.update("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", at, userId);
    }
}

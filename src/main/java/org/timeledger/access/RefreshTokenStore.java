package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.time.Instant;
import java.util.Optional;

/** The refresh_token table, for {@link RefreshTokens}: tokens stored as hashes. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class RefreshTokenStore {
    private final Sql sql;

    public RefreshTokenStore(Sql sql) {
        this.sql = sql;
    }

    /** A stored token: whose, of which login, and whether it was used, revoked or has expired. */
    public record Stored(String userId, String loginId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    public void insert(String tokenHash, String userId, String loginId, Instant createdAt, Instant expiresAt) {
        sql.update("INSERT INTO refresh_token (token_hash, user_id, login_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                tokenHash, userId, loginId, createdAt, expiresAt);
    }

    public Optional<Stored> find(String tokenHash) {
        return sql.first("SELECT user_id, login_id, expires_at, used_at, revoked_at FROM refresh_token WHERE token_hash = ?",
                rs -> new Stored(rs.getString(1), rs.getString(2), SqlTimes.instant(rs, 3), SqlTimes.instant(rs, 4),
                        SqlTimes.instant(rs, 5)), tokenHash);
    }

    /** Marks a token used; false if it was used or revoked already (of two simultaneous refreshes, one wins). */
    public boolean markUsed(String tokenHash, Instant at) {
        return sql.update("UPDATE refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL",
                at, tokenHash) == 1;
    }

    public void revokeLogin(String loginId, Instant at) {
        sql.update("UPDATE refresh_token SET revoked_at = ? WHERE login_id = ? AND revoked_at IS NULL", at, loginId);
    }

    public void revokeAllOf(String userId, Instant at) {
        sql.update("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", at, userId);
    }
}

package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.access.ApiKeys.ApiKey;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The api_key table, for {@link ApiKeys}. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class ApiKeyStore {
    private static final String COLUMNS = "id, partner_id, scheme_id, label, created_at, last_used_at, revoked_at";

    private final Sql sql;

    public ApiKeyStore(Sql sql) {
        this.sql = sql;
    }

    /** A key with the SHA-256 hash of its secret, as one read finds it. */
    public record WithSecret(ApiKey key, String secretHash) {
    }

    public void insert(ApiKey key, String secretHash, String createdBy) {
        sql.update("INSERT INTO api_key (id, partner_id, scheme_id, label, secret_hash, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", key.id(), key.partnerId(), key.schemeId(), key.label(), secretHash,
                createdBy, key.createdAt());
    }

    public List<ApiKey> ofPartner(String partnerId) {
        return sql.list("SELECT " + COLUMNS + " FROM api_key WHERE partner_id = ? ORDER BY id", ApiKeyStore::key, partnerId);
    }

    public Optional<ApiKey> find(String keyId) {
        return sql.first("SELECT " + COLUMNS + " FROM api_key WHERE id = ?", ApiKeyStore::key, keyId);
    }

    public Optional<WithSecret> findWithSecret(String keyId) {
        return sql.first("SELECT " + COLUMNS + ", secret_hash FROM api_key WHERE id = ?",
                rs -> new WithSecret(key(rs), rs.getString(8)), keyId);
    }

    public void revoke(String keyId, Instant at) {
        sql.update("UPDATE api_key SET revoked_at = ? WHERE id = ?", at, keyId);
    }

    public void touch(String keyId, Instant at) {
        sql.update("UPDATE api_key SET last_used_at = ? WHERE id = ?", at, keyId);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), SqlTimes.instant(rs, 5),
                SqlTimes.instant(rs, 6), SqlTimes.instant(rs, 7));
    }
}

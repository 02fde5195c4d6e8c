package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** The service_secret table, for {@link JwtSigning}'s generated key. Needs the caller's transaction: a store has no connection of its own. */
@Singleton
public class SigningKeyStore {
    private final Sql sql;

    public SigningKeyStore(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> find(String name) {
        return sql.first("SELECT secret FROM service_secret WHERE name = ?", rs -> rs.getString(1), name);
    }

    public void insert(String name, String secret, Instant createdAt) {
        sql.update("INSERT INTO service_secret (name, secret, created_at) VALUES (?, ?, ?)", name, secret, createdAt);
    }
}

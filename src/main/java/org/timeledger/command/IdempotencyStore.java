package org.timeledger.command;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.Optional;

/** The idempotency_key table, written by {@link CommandRunner}: claims and completions run on the effect's own transaction. */
@Singleton
public class IdempotencyStore {
    private final Sql sql;

    public IdempotencyStore(Sql sql) {
        this.sql = sql;
    }

    /** A request recorded under a key, with the answer it got. */
    public record Recorded(String requestHash, Integer responseStatus, String responseBody) {
    }

    public Optional<Recorded> find(String principal, String key) {
        return sql.first("SELECT request_hash, response_status, response_body FROM idempotency_key "
                + "WHERE principal = ? AND idem_key = ?", rs -> {
            int status = rs.getInt(2);
            return new Recorded(rs.getString(1), rs.wasNull() ? null : status, rs.getString(3));
        }, principal, key);
    }

    /**
     * Inserts the key before the effect runs. A concurrent request with the same key blocks on
     * the primary key until this transaction ends, then fails with a unique violation.
     */
    public void claim(String principal, String key, String requestHash) {
        sql.update("INSERT INTO idempotency_key (principal, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)",
                principal, key, requestHash, Instant.now());
    }

    public void complete(String principal, String key, int status, String body) {
        sql.update("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE principal = ? AND idem_key = ?",
                status, body, principal, key);
    }
}

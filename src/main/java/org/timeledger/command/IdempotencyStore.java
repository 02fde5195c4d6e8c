package org.timeledger.command;

import org.timeledger.support.SqlTimes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.sql.ResultSet;
import java.util.Optional;

/** The idempotency_key table, written by {@link CommandRunner}: claims and completions run on the effect's own transaction. */
@Singleton
public class IdempotencyStore {
    private final JdbcOperations jdbc;

    public IdempotencyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A request recorded under a key, with the answer it got. */
    public record Recorded(String requestHash, Integer responseStatus, String responseBody) {
    }

    public Optional<Recorded> find(String principal, String key) {
        return jdbc.prepareStatement("SELECT request_hash, response_status, response_body FROM idempotency_key "
                + "WHERE principal = ? AND idem_key = ?", ps -> {
            ps.setString(1, principal);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int status = rs.getInt(2);
                return Optional.of(new Recorded(rs.getString(1), rs.wasNull() ? null : status, rs.getString(3)));
            }
        });
    }

    /**
     * Inserts the key before the effect runs. A concurrent request with the same key blocks on
     * the primary key until this transaction ends, then fails with a unique violation.
     */
    public void claim(String principal, String key, String requestHash) {
        jdbc.prepareStatement("INSERT INTO idempotency_key (principal, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, principal);
            ps.setString(2, key);
            ps.setString(3, requestHash);
            ps.setObject(4, SqlTimes.of(Instant.now()));
            return ps.executeUpdate();
        });
    }

    public void complete(String principal, String key, int status, String body) {
        jdbc.prepareStatement("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE principal = ? AND idem_key = ?", ps -> {
            ps.setInt(1, status);
            ps.setString(2, body);
            ps.setString(3, principal);
            ps.setString(4, key);
            return ps.executeUpdate();
        });
    }
}

package org.timeledger.access;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Failed logins per username, kept in the database so that every instance counts them. */
@Singleton
public class LoginFailures {
    private final JdbcOperations jdbc;

    public LoginFailures(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest failures after {@code since}, newest first, at most {@code limit}. */
    public List<Instant> recent(String username, Instant since, int limit) {
        return jdbc.prepareStatement("SELECT failed_at FROM login_failure WHERE username = ? AND failed_at > ? "
                + "ORDER BY failed_at DESC LIMIT ?", ps -> {
            ps.setString(1, username);
            ps.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            ps.setInt(3, limit);
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            return times;
        });
    }

    /** Records a failure, and forgets this username's failures that no longer count. */
    public void record(String username, Instant at, Instant forgetBefore) {
        jdbc.prepareStatement("DELETE FROM login_failure WHERE username = ? AND failed_at <= ?", ps -> {
            ps.setString(1, username);
            ps.setObject(2, OffsetDateTime.ofInstant(forgetBefore, ZoneOffset.UTC));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO login_failure (username, failed_at) VALUES (?, ?)", ps -> {
            ps.setString(1, username);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            return ps.executeUpdate();
        });
    }

    public void clear(String username) {
        jdbc.prepareStatement("DELETE FROM login_failure WHERE username = ?", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate();
        });
    }
}

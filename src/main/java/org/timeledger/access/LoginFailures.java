package org.timeledger.access;

import org.timeledger.support.SqlTimes;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.timeledger.support.Transactions;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed logins per username, kept in the database so that every instance counts them. An
 * attempt is recorded before its password is checked and withdrawn if it succeeds.
 */
@Singleton
public class LoginFailures {
    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration window;

    public LoginFailures(JdbcOperations jdbc, Transactions transactions, Clock clock,
                         @Value("${timeledger.login-lockout-window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    /** The latest failures after {@code since}, newest first, at most {@code limit}. */
    public List<Instant> recent(String username, Instant since, int limit) {
        return jdbc.prepareStatement("SELECT failed_at FROM login_failure WHERE username = ? AND failed_at > ? "
                + "ORDER BY failed_at DESC LIMIT ?", ps -> {
            ps.setString(1, username);
            ps.setObject(2, SqlTimes.of(since));
            ps.setInt(3, limit);
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(SqlTimes.instant(rs, 1));
                }
            }
            return times;
        });
    }

    public void record(String attemptId, String username, Instant at) {
        jdbc.prepareStatement("INSERT INTO login_failure (id, username, failed_at) VALUES (?, ?, ?)", ps -> {
            ps.setString(1, attemptId);
            ps.setString(2, username);
            ps.setObject(3, SqlTimes.of(at));
            return ps.executeUpdate();
        });
    }

    /** Takes back an attempt that turned out not to count (it was over the limit, so never checked). */
    public void withdraw(String attemptId) {
        jdbc.prepareStatement("DELETE FROM login_failure WHERE id = ?", ps -> {
            ps.setString(1, attemptId);
            return ps.executeUpdate();
        });
    }

    public void clear(String username) {
        jdbc.prepareStatement("DELETE FROM login_failure WHERE username = ?", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate();
        });
    }

    /** Forgets failures that no longer count, so that guessing at many usernames does not fill the table. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void forgetOldFailures() {
        Instant before = clock.instant().minus(window);
        transactions.write(() -> jdbc.prepareStatement("DELETE FROM login_failure WHERE failed_at <= ?", ps -> {
            ps.setObject(1, SqlTimes.of(before));
            return ps.executeUpdate();
        }));
    }
}

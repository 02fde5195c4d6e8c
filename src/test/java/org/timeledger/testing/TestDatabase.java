package org.timeledger.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for one test class: H2 in memory (PostgreSQL mode, as the service
 * runs it), or real PostgreSQL. PostgreSQL is the embedded server (genuine binaries from
 * io.zonky.test, started once per test run) unless TIMELEDGER_TEST_POSTGRES_URL points at
 * another one, e.g. {@code jdbc:postgresql://localhost:5432/postgres}, with
 * TIMELEDGER_TEST_POSTGRES_USER and TIMELEDGER_TEST_POSTGRES_PASSWORD; each test class then
 * gets a database of its own there.
 */
public record TestDatabase(String kind, String url, String username, String password) {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    public static TestDatabase h2() {
        String name = "tl" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        return new TestDatabase("h2", "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    public static TestDatabase postgres() {
        String admin = System.getenv("TIMELEDGER_TEST_POSTGRES_URL");
        String user = env("TIMELEDGER_TEST_POSTGRES_USER", "postgres");
        String password = env("TIMELEDGER_TEST_POSTGRES_PASSWORD", "");
        if (admin == null || admin.isBlank()) {
            admin = embedded().getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        String name = "tl" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database at " + admin, e);
        }
        int slash = admin.lastIndexOf('/');
        int query = admin.indexOf('?', slash);
        String url = admin.substring(0, slash + 1) + name + (query < 0 ? "" : admin.substring(query));
        return new TestDatabase("postgres", url, user, password);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return embedded;
    }

    /** The properties that point the service at this database. */
    public Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", username);
        p.put("datasources.default.password", password);
        return p;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

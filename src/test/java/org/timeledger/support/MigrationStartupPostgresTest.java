package org.timeledger.support;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that drops the service's connections while it migrates at start-up (PostgreSQL
 * restarted just as the service came up): the start carries on once the database stays up, and
 * every migration is applied once.
 */
class MigrationStartupPostgresTest {

    @Test
    void connectionsCutWhileMigratingDoNotStopTheStart() throws Exception {
        TestDatabase database = TestDatabase.postgres();
        String name = database.url().substring(database.url().lastIndexOf('/') + 1).split("\\?")[0];
        AtomicBoolean cutting = new AtomicBoolean(true);
        AtomicInteger cut = new AtomicInteger();
        ExecutorService cutter = Executors.newSingleThreadExecutor();
        // cuts the migration's connection (the one asking about schemas and Flyway's history), twice
        Future<?> cuts = cutter.submit(() -> {
            try (Connection admin = database.connect(); Statement s = admin.createStatement()) {
                s.execute("SET application_name = 'cutter'");
                while (cutting.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE datname = '" + name + "' AND pid <> pg_backend_pid() AND application_name <> 'cutter' "
                            + "AND (query ILIKE '%pg_namespace%' OR query ILIKE '%flyway%')")) {
                        rs.next();
                        cut.addAndGet(rs.getInt(1));
                    }
                    if (cut.get() >= 2) {
                        cutting.set(false);
                    }
                    Thread.sleep(1);
                }
            }
            return null;
        });
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(MigrationStartup.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> retries = new ch.qos.logback.core.read.ListAppender<>();
        retries.start();
        log.addAppender(retries);
        try (ApplicationContext context = ApplicationContext.run(new java.util.HashMap<String, Object>(ServiceTest.properties(database)), "test")) {
            assertThat(context.getBean(io.micronaut.flyway.DataSourceMigrationRunner.class)).isInstanceOf(MigrationStartup.class);
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version) FROM flyway_schema_history "
                         + "WHERE success AND version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(14);
            }
        } finally {
            cutting.set(false);
            cuts.get();
            cutter.shutdownNow();
            log.detachAppender(retries);
        }
        assertThat(retries.list).as("the migration was run again").isNotEmpty();
        assertThat(cut.get()).as("connections were cut while starting").isPositive();
    }
}

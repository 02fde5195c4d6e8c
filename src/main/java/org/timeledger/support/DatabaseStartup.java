package org.timeledger.support;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits for the database at start-up instead of failing at once: a service started beside its
 * database (a reboot, a container platform) often comes up first. Each attempt logs one line
 * saying what is wrong; after {@code timeledger.database.startup-wait} the start fails. Runs
 * before Flyway's migration, which is also a listener on the data source, and before Micronaut
 * Data wraps the pool in a proxy that would not touch the database. The pool itself does
 * not fail when the database is missing ({@code initialization-fail-timeout: -1}), so this is
 * the one place that waits.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseStartup implements BeanCreatedEventListener<DataSource> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStartup.class);
    private static final long PAUSE_MILLIS = 2000;

    private final Duration wait;
    private final String where;

    public DatabaseStartup(@Value("${timeledger.database.startup-wait:60s}") Duration wait,
                           @Value("${datasources.default.url:}") String url) {
        this.wait = wait;
        // the URL without its parameters, which may carry a password
        this.where = url.contains("?") ? url.substring(0, url.indexOf('?')) : url.split(";")[0];
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try (Connection ignored = dataSource.getConnection()) {
                if (attempt > 1) {
                    LOG.info("The database at {} is reachable after {} s; starting.", where, elapsedSeconds(started));
                }
                return dataSource;
            } catch (SQLException e) {
                long elapsed = elapsedSeconds(started);
                if (elapsed >= wait.toSeconds()) {
                    throw new ConfigurationException("The database at " + where + " could not be reached within "
                            + wait.toSeconds() + " s (timeledger.database.startup-wait): " + rootCause(e));
                }
                LOG.warn("Waiting for the database at {}: {} (attempt {}, {} s so far, giving up after {} s)",
                        where, rootCause(e), attempt, elapsed, wait.toSeconds());
                pause();
            }
        }
    }

    private static long elapsedSeconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}

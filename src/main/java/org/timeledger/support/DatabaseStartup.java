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
    private final String url;

    public DatabaseStartup(@Value("${timeledger.database.startup-wait:60s}") Duration wait,
                           @Value("${datasources.default.url:}") String url) {
        this.wait = wait;
        this.url = url;
        // the URL without its parameters, which may carry a password
        this.where = url.contains("?") ? url.substring(0, url.indexOf('?')) : url.split(";")[0];
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        embeddedFileDirectory(url).ifPresent(DatabaseStartup::keepToOwner);
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

    /** The directory of an embedded H2 database file ({@code jdbc:h2:file:./data/timeledger} gives {@code ./data}). */
    static java.util.Optional<java.nio.file.Path> embeddedFileDirectory(String url) {
        String prefix = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:" : null;
        if (prefix == null) {
            return java.util.Optional.empty();
        }
        String file = url.substring(prefix.length()).split(";")[0];
        java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
        return java.util.Optional.ofNullable(parent);
    }

    /**
     * The H2 database file holds the members' data and, unless TIMELEDGER_JWT_SECRET is set, the
     * key that signs access tokens: its directory is made, or kept, readable by its owner only.
     */
    static void keepToOwner(java.nio.file.Path directory) {
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
        try {
            if (!java.nio.file.Files.exists(directory)) {
                java.nio.file.Files.createDirectories(directory,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnly));
                java.nio.file.Files.setPosixFilePermissions(directory, ownerOnly); // whatever the umask
                return;
            }
            var now = java.nio.file.Files.getPosixFilePermissions(directory);
            if (!now.equals(ownerOnly)) {
                java.nio.file.Files.setPosixFilePermissions(directory, ownerOnly);
                LOG.info("Made {} readable by its owner only: it holds the database and its signing key.", directory);
            }
        } catch (UnsupportedOperationException e) {
            LOG.warn("Could not restrict {} to its owner (no POSIX permissions here): keep it private.", directory);
        } catch (java.io.IOException e) {
            LOG.warn("Could not restrict {} to its owner ({}): keep it private.", directory, e.getMessage());
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

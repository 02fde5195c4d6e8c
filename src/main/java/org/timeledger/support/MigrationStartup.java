package org.timeledger.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Flyway's migration at start-up, run again when the database drops the connection halfway (it
 * restarted just as the service started): {@link DatabaseStartup} waits for the database before
 * the migration, and this covers the migration itself, within the same
 * {@code timeledger.database.startup-wait}. A migration cut off is rolled back by PostgreSQL
 * (each runs in a transaction), so running it again is safe. Any other failure stops the start.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
public class MigrationStartup extends DataSourceMigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationStartup.class);
    private static final long PAUSE_MILLIS = 2000;

    private final Duration wait;

    public MigrationStartup(ApplicationContext context, ApplicationEventPublisher<?> publisher, DataSourceResolver resolver,
                            @Value("${timeledger.database.startup-wait:60s}") Duration wait) {
        super(context, publisher, resolver);
        this.wait = wait;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return super.onCreated(event);
            } catch (RuntimeException e) {
                long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                if (!SqlErrors.isConnectionFailure(e) || elapsed >= wait.toSeconds()) {
                    throw e;
                }
                LOG.warn("The database dropped the connection while migrating (attempt {}, {} s so far, giving up after {} s); "
                        + "migrating again.", attempt, elapsed, wait.toSeconds());
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

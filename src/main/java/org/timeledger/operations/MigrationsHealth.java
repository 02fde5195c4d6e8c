package org.timeledger.operations;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Map;

/**
 * Readiness requires the schema this build expects: every migration in the jar applied, none
 * failed. An instance of a newer build started before its migrations ran (or after one failed)
 * says so instead of serving requests against the wrong tables. Once all are applied they stay
 * applied, so the answer is remembered after the first UP.
 */
@Singleton
@Readiness
public class MigrationsHealth implements HealthIndicator {
    static final String NAME = "migrations";

    private final Flyway flyway;
    private volatile boolean applied;

    public MigrationsHealth(DataSource dataSource) {
        // the same location and history table micronaut-flyway migrates with (its defaults); the
        // pool itself, not Micronaut Data's wrapper, which hands out only a transaction's connection
        this.flyway = Flyway.configure().dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
                .locations("classpath:db/migration").load();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic()); // JDBC: off the event loop
    }

    private HealthResult check() {
        if (applied) {
            return HealthResult.builder(NAME, HealthStatus.UP).build();
        }
        try {
            MigrationInfo[] all = flyway.info().all();
            long pending = Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING).count();
            long failed = Arrays.stream(all).filter(m -> m.getState().isFailed()).count();
            applied = pending == 0 && failed == 0;
            return HealthResult.builder(NAME, applied ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(Map.of("pending", pending, "failed", failed)).build();
        } catch (RuntimeException e) {
            return HealthResult.builder(NAME, HealthStatus.DOWN).exception(e).build();
        }
    }
}

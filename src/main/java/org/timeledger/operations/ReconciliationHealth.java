package org.timeledger.operations;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Readiness reports a failed reconciliation: while the last scheduled run of any scheme found
 * its books not balanced, {@code /health/readiness} is DOWN. The error log names the
 * mismatches; a later run that passes (after the books are mended) brings it back UP.
 */
@Singleton
@Readiness
public class ReconciliationHealth implements HealthIndicator {
    static final String NAME = "reconciliation";

    private final ReconciliationSchedule schedule;

    public ReconciliationHealth(ReconciliationSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<String> failing = schedule.last().values().stream().filter(r -> !r.balanced())
                .map(ReconciliationSchedule.Result::schemeCode).sorted().toList();
        HealthStatus status = failing.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        return Mono.just(HealthResult.builder(NAME, status).details(Map.of("notBalanced", failing)).build());
    }
}

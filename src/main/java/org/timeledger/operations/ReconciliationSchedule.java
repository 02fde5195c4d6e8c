package org.timeledger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.ledger.Checkpoints;
import org.timeledger.ledger.model.Checkpoint;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Continuous reconciliation: every scheme's books proved on a schedule
 * ({@code timeledger.reconciliation.interval}, 5 minutes by default), not only when someone
 * asks. A pass records a checkpoint; a failure is logged as an error naming every mismatch, and
 * readiness reports it until a later run passes ({@link ReconciliationHealth}). Each instance
 * runs it: it only reads, and checkpoints are written once for each state whichever instance
 * gets there first.
 */
@Singleton
public class ReconciliationSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final SchemeService schemes;
    private final Reconciliation reconciliation;
    private final Checkpoints checkpoints;
    private final MeterRegistry registry;
    private final Map<String, Result> last = new ConcurrentHashMap<>();

    public ReconciliationSchedule(SchemeService schemes, Reconciliation reconciliation, Checkpoints checkpoints,
                                  MeterRegistry registry) {
        this.schemes = schemes;
        this.reconciliation = reconciliation;
        this.checkpoints = checkpoints;
        this.registry = registry;
    }

    /** The last scheduled run's outcome for a scheme. */
    public record Result(String schemeCode, boolean balanced, long mismatchCount, Duration took, Instant checkedAt,
                         Optional<Checkpoint> checkpoint) {
    }

    @Scheduled(fixedDelay = "${timeledger.reconciliation.interval:5m}",
            initialDelay = "${timeledger.reconciliation.initial-delay:1m}")
    void scheduled() {
        runAll();
    }

    /** Reconciles every scheme now; a scheme that cannot be read (the database is away) keeps its last result. */
    public List<Result> runAll() {
        List<Result> results = new ArrayList<>();
        for (Scheme scheme : schemes.all()) {
            try {
                results.add(run(scheme));
            } catch (RuntimeException e) {
                LOG.warn("scheduled reconciliation of scheme {} could not run: {}", scheme.code(), e.toString());
            }
        }
        return results;
    }

    public Result run(Scheme scheme) {
        long started = System.nanoTime();
        Reconciliation.Snapshot snapshot = reconciliation.reconcileSnapshot(scheme.id());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Reconciliation.Report report = snapshot.report();
        Optional<Checkpoint> checkpoint = Optional.empty();
        if (report.balanced()) {
            checkpoint = checkpoints.record(scheme.id(), snapshot);
            LOG.info("scheduled reconciliation of scheme {}: balanced, {} entries, {} postings, {} ms{}", scheme.code(),
                    report.entriesChecked(), report.postingsChecked(), took.toMillis(),
                    checkpoint.map(c -> ", checkpoint " + c.number() + " " + c.digest()).orElse(""));
        } else {
            StringBuilder lines = new StringBuilder();
            report.mismatches().forEach(m -> lines.append("\n  ").append(m.kind()).append(": ").append(m.detail()));
            LOG.error("scheduled reconciliation of scheme {}: NOT BALANCED, {} mismatch(es):{}", scheme.code(),
                    report.mismatchCount(), lines);
        }
        Result result = new Result(scheme.code(), report.balanced(), report.mismatchCount(), took, report.checkedAt(), checkpoint);
        if (last.put(scheme.code(), result) == null) {
            gauges(scheme.code());
        }
        return result;
    }

    /** The scheme's last result, for Prometheus: read from {@link #last} at each scrape. */
    private void gauges(String code) {
        Gauge.builder("timeledger.reconciliation.balanced", last, l -> l.get(code).balanced() ? 1 : 0)
                .description("Whether the last scheduled reconciliation of the scheme found its books balanced (1) or not (0)")
                .tag("scheme", code).register(registry);
        Gauge.builder("timeledger.reconciliation.duration", last, l -> l.get(code).took().toNanos() / 1e9)
                .description("How long the last scheduled reconciliation of the scheme took")
                .baseUnit("seconds").tag("scheme", code).register(registry);
        Gauge.builder("timeledger.reconciliation.mismatches", last, l -> l.get(code).mismatchCount())
                .description("How many mismatches the last scheduled reconciliation of the scheme found")
                .tag("scheme", code).register(registry);
    }

    /** The last result of each scheme reconciled since this instance started. */
    public Map<String, Result> last() {
        return Map.copyOf(last);
    }
}

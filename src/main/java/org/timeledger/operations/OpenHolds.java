package org.timeledger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.ledger.Ledger;
import org.timeledger.support.Transactions;

/**
 * The {@code timeledger_holds_open} gauge: till holds in force now, in the whole database. The
 * count is taken on a schedule rather than on each scrape: a scrape is answered on the event
 * loop, which must never wait for a database connection (up to 5 s while the database is
 * down). The query counts the open holds only, along the hold_due index (status, expires_at).
 * Every instance reports the same database-wide figure: take max(), not sum(), across them.
 */
@Singleton
public class OpenHolds {
    private static final Logger LOG = LoggerFactory.getLogger(OpenHolds.class);
    static final String NAME = "timeledger.holds.open";

    private final Ledger ledger;
    private final Transactions transactions;
    /** NaN until first counted, so a gauge never shows a zero nobody measured. */
    private volatile double open = Double.NaN;

    public OpenHolds(MeterRegistry registry, Ledger ledger, Transactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
        Gauge.builder(NAME, this, h -> h.open)
                .description("Till holds in force now (HELD, not past their expiry) in the whole database, "
                        + "counted every 15 s (timeledger.metrics.open-holds-interval)")
                .register(registry);
    }

    @Scheduled(fixedDelay = "${timeledger.metrics.open-holds-interval:15s}", initialDelay = "1s")
    public void count() {
        try {
            open = transactions.read(ledger::countOpenHolds);
        } catch (RuntimeException e) {
            // unknown rather than a stale figure; the database being down shows in the pool's metrics and readiness
            open = Double.NaN;
            LOG.debug("Could not count open holds", e);
        }
    }
}

package org.timeledger.redemption;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.ledger.Ledger;
import org.timeledger.support.Transactions;

/**
 * Holds must expire, otherwise credits may never be released: what may be spent already leaves
 * expired holds out, and this sweep marks them EXPIRED and releases their held amounts
 * promptly, a batch of accounts per transaction.
 */
@Singleton
@Requires(property = "timeledger.hold-sweep.enabled", notEquals = "false")
public class HoldSweep {
    private static final Logger LOG = LoggerFactory.getLogger(HoldSweep.class);
    static final int ACCOUNTS_PER_TRANSACTION = 100;

    private final Ledger ledger;
    private final Transactions transactions;

    public HoldSweep(Ledger ledger, Transactions transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "${timeledger.hold-sweep.interval:30s}", initialDelay = "${timeledger.hold-sweep.interval:30s}")
    public void sweep() {
        try {
            int sweptCount;
            int accountCount = 0;
            do {
                sweptCount = transactions.write(() -> ledger.expireDueHolds(ACCOUNTS_PER_TRANSACTION));
                accountCount += sweptCount;
            } while (sweptCount == ACCOUNTS_PER_TRANSACTION);
            if (accountCount > 0) {
                LOG.info("Released expired holds on {} account(s)", accountCount);
            }
        } catch (RuntimeException e) {
            LOG.warn("The hold sweep failed; it runs again at its next interval", e);
        }
    }
}

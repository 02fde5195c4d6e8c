package org.timeledger.support;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Short transactions with a bounded retry on serialization failures and deadlocks (SQLSTATE
 * 40001, 40P01), so neither ever reaches a client. The work must be safe to run again: it
 * must not have effects outside the database.
 */
@Singleton
public class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    static final int MAX_ATTEMPTS = 8;

    private final TransactionOperations<Connection> operations;
    private final TransactionDefinition snapshot;

    public Transactions(TransactionOperations<Connection> operations,
                        @Value("${datasources.default.url:}") String url) {
        this.operations = operations;
        this.snapshot = snapshotOn(url);
    }

    /**
     * A read-only transaction that sees one consistent snapshot. PostgreSQL's REPEATABLE READ is
     * such a snapshot; H2's is not (it lets rows committed meanwhile appear, so reconciliation
     * under load saw an entry without its postings), and H2's SERIALIZABLE is.
     */
    private static TransactionDefinition snapshotOn(String url) {
        TransactionDefinition.Isolation isolation = url.startsWith("jdbc:h2:")
                ? TransactionDefinition.Isolation.SERIALIZABLE
                : TransactionDefinition.Isolation.REPEATABLE_READ;
        return new TransactionDefinition() {
            @Override
            public Optional<Isolation> getIsolationLevel() {
                return Optional.of(isolation);
            }

            @Override
            public Optional<Boolean> isReadOnly() {
                return Optional.of(true);
            }
        };
    }

    /**
     * Runs work in a read-write transaction of its own, again if the database asks for a retry.
     * Never inside another transaction: a retry there would run on one the database has aborted.
     */
    public <T> T write(Supplier<T> work) {
        if (operations.findTransactionStatus().isPresent()) {
            throw new IllegalStateException("Transactions.write must not run inside another transaction");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return operations.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (!SqlErrors.isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Retrying transaction after SQLSTATE {} (attempt {})", SqlErrors.sqlState(e), attempt);
                backOff(attempt);
            }
        }
    }

    public <T> T read(Supplier<T> work) {
        return operations.executeRead(status -> work.get());
    }

    /** Runs work on one consistent snapshot of the database, as reconciliation needs. */
    public <T> T readSnapshot(Supplier<T> work) {
        return operations.execute(snapshot, status -> work.get());
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(200, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}

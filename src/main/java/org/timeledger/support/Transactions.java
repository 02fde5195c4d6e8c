package org.timeledger.support;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Short transactions with a bounded retry on serialization failures and deadlocks (SQLSTATE
 * 40001, 40P01), so neither ever reaches a client. The work must be safe to run again: it
 * must not have effects outside the database.
 *
 * <p>On H2, write transactions run one at a time. Under scripts/chaos, concurrent writers on
 * H2 2.3.232 twice lost a committed account update although each had locked the row with
 * SELECT ... FOR UPDATE. In one run a refund wrote back a held amount from before a hold. In
 * another, a refused hold's rollback took an account back to its state before an exchange
 * that had committed, posting and all. PostgreSQL never did this. H2 is embedded, so this
 * process is its only writer, and one lock here takes the concurrency H2 mishandles away.
 */
@Singleton
public class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    static final int MAX_ATTEMPTS = 8;

    private final TransactionOperations<Connection> operations;
    private final TransactionDefinition snapshot;
    /** On H2 only: held for the whole of each write transaction. */
    private final ReentrantLock oneWriterAtATime;
    private final Duration lockTimeout;

    public Transactions(TransactionOperations<Connection> operations,
                        @Value("${datasources.default.url:}") String url,
                        @Value("${timeledger.lock-timeout:5s}") Duration lockTimeout) {
        this.operations = operations;
        this.snapshot = snapshotOn(url);
        this.oneWriterAtATime = url.startsWith("jdbc:h2:") ? new ReentrantLock(true) : null;
        this.lockTimeout = lockTimeout;
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
        if (oneWriterAtATime == null) {
            return writeAgainIfAsked(work);
        }
        try {
            if (!oneWriterAtATime.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // answered as any lock wait that timed out: 503 service_busy, Retry-After
                String message = "No turn to write on H2 within " + lockTimeout.toMillis() + " ms";
                throw new DataAccessException(message, new SQLException(message, "HYT00"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write", e);
        }
        try {
            return writeAgainIfAsked(work);
        } finally {
            oneWriterAtATime.unlock();
        }
    }

    private <T> T writeAgainIfAsked(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean[] began = {false};
            try {
                return operations.executeWrite(status -> {
                    began[0] = true;
                    return work.get();
                });
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !(SqlErrors.isRetryable(e) || couldNotBegin(e, began[0]))) {
                    throw e;
                }
                LOG.debug("Retrying transaction after SQLSTATE {} (attempt {})", SqlErrors.sqlState(e), attempt);
                backOff(attempt);
            }
        }
    }

    public <T> T read(Supplier<T> work) {
        return readAgainOnLostConnection(() -> operations.executeRead(status -> work.get()));
    }

    /** Runs work on one consistent snapshot of the database, as reconciliation needs. */
    public <T> T readSnapshot(Supplier<T> work) {
        return readAgainOnLostConnection(() -> operations.execute(snapshot, status -> work.get()));
    }

    /**
     * A write whose transaction never began (the pooled connection had died: the database was
     * restarted) sent nothing, so it may run again on a fresh connection. Once work has begun,
     * a lost connection is not retried here: whether the commit got through is unknown, and the
     * client's retry with its Idempotency-Key is what finds out.
     */
    private static boolean couldNotBegin(RuntimeException e, boolean began) {
        return !began && SqlErrors.isStaleConnection(e);
    }

    /**
     * Reads change nothing, so one that lost its connection (a connection the pool still held
     * from before a database restart) is simply run again, on another.
     */
    private static <T> T readAgainOnLostConnection(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (attempt == 3 || !SqlErrors.isStaleConnection(e)) {
                    throw e;
                }
                LOG.debug("Reading again after a lost connection (attempt {})", attempt);
            }
        }
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

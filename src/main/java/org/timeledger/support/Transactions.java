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
 * that had committed, posting and all. PostgreSQL never did this. Embedded H2 has this process
 * as its only writer, and one lock here takes the concurrency H2 mishandles away. (A request
 * that waits on it past the lock timeout gets 503 service_busy, where on PostgreSQL a request
 * waiting on its own key's first attempt gets 409 idempotency_key_in_flight.)
 */
@Singleton
public class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    static final int MAX_ATTEMPTS = 8;
    /**
     * After a database restart every pooled connection is dead, and HikariCP only checks one
     * idle for over half a second before handing it out: a request may draw several dead ones
     * in a row (each fails at once) before a fresh one. One more than the pool's 16.
     */
    static final int STALE_ATTEMPTS = 17;

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
        this.oneWriterAtATime = embeddedH2(url) ? new ReentrantLock(true) : null;
        this.lockTimeout = lockTimeout;
    }

    /** H2 inside this process, which is then its only writer (not H2 as a server, which others may write to). */
    private static boolean embeddedH2(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE");
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
            boolean[] workDone = {false};
            try {
                return operations.executeWrite(status -> {
                    T result = work.get();
                    workDone[0] = true;
                    return result;
                });
            } catch (RuntimeException e) {
                boolean again = SqlErrors.isRetryable(e) || lostBeforeCommit(e, workDone[0]);
                if (!again || attempt == (SqlErrors.isRetryable(e) ? MAX_ATTEMPTS : STALE_ATTEMPTS)) {
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
     * A write that lost its connection before its work was done (the pooled connection had died:
     * the database was restarted) committed nothing, and its work is safe to run again, so it
     * runs again on a fresh connection. Once the work is done and the commit sent, a lost
     * connection is not retried here: whether the commit got through is unknown, and the
     * client's retry with its Idempotency-Key is what finds out.
     */
    private static boolean lostBeforeCommit(RuntimeException e, boolean workDone) {
        return !workDone && SqlErrors.isStaleConnection(e);
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
                if (attempt == STALE_ATTEMPTS || !SqlErrors.isStaleConnection(e)) {
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

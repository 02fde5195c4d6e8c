package org.timeledger.operations;

import org.timeledger.command.CommandObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.LedgerObserver;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.ProblemCode;
import org.timeledger.problem.Refusal;

import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own counters, served with Micrometer's at /metrics (docs/operations.md, "Metrics"). Each is
 * counted where its event happens; what happens inside a transaction is counted once that
 * transaction commits, so a transaction rolled back (refused, or retried after a deadlock)
 * counts nothing and its retry counts once. Per event the cost is a counter increment.
 *
 * <p>The label values are bounded sets (entry types, problem codes, two outcomes), and every
 * known value is registered at zero up front, so that a rate over the first event is right.
 */
@Singleton
public class Metrics implements LedgerObserver, CommandObserver {
    static final String ENTRIES_POSTED = "timeledger.entries.posted";
    static final String REJECTIONS = "timeledger.rejections";
    static final String HOLDS_EXPIRED = "timeledger.holds.expired";
    static final String REPLAYS = "timeledger.idempotent.replays";

    private final MeterRegistry registry;
    private final TransactionOperations<Connection> transactions;
    private final Map<EntryType, Counter> entriesPosted = new EnumMap<>(EntryType.class);
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Counter holdsExpired;
    private final Counter replayedAnswers;
    private final Counter replayedRefusals;

    public Metrics(MeterRegistry registry, TransactionOperations<Connection> transactions) {
        this.registry = registry;
        this.transactions = transactions;
        for (EntryType type : EntryType.values()) {
            entriesPosted.put(type, Counter.builder(ENTRIES_POSTED)
                    .description("Journal entries committed, by entry type")
                    .tag("type", type.name())
                    .register(registry));
        }
        // every code a refusal can carry, the ledger's and the application's, from the start
        for (ProblemCode code : Rejection.values()) {
            rejected(code.code(), 0);
        }
        for (ProblemCode code : Refusal.values()) {
            rejected(code.code(), 0);
        }
        rejected("internal_error", 0);
        holdsExpired = Counter.builder(HOLDS_EXPIRED)
                .description("Till holds marked EXPIRED (by the sweep, or when their account was next locked), their credits released")
                .register(registry);
        replayedAnswers = replays("success");
        replayedRefusals = replays("refusal");
    }

    private Counter replays(String outcome) {
        return Counter.builder(REPLAYS)
                .description("Requests answered from an earlier one with the same Idempotency-Key (Idempotent-Replayed: true), "
                        + "by whether that answer was a success or a refusal")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Entries the current transaction posted, counted once it commits (the ledger tells its observers). */
    @Override
    public void posted(List<JournalEntry> entries, Map<String, Account> accounts) {
        Map<EntryType, Integer> byType = new EnumMap<>(EntryType.class);
        entries.forEach(e -> byType.merge(e.type(), 1, Integer::sum));
        afterCommit(() -> byType.forEach((type, count) -> entriesPosted.get(type).increment(count)));
    }

    /** Holds the current transaction marked EXPIRED, counted once it commits. */
    @Override
    public void holdsExpired(List<Hold> holds) {
        int count = holds.size();
        afterCommit(() -> holdsExpired.increment(count));
    }

    /** An error response (problem+json) with this code was sent. */
    public void rejected(String code) {
        rejected(code, 1);
    }

    private void rejected(String code, int count) {
        rejections.computeIfAbsent(code, c -> Counter.builder(REJECTIONS)
                .description("Requests answered with an error (application/problem+json), by its code; "
                        + "a refusal answered again from its Idempotency-Key counts as a replay instead")
                .tag("code", c)
                .register(registry)).increment(count);
    }

    /** A request was answered with the stored answer of an earlier one under the same Idempotency-Key. */
    @Override
    public void replayedAnswer() {
        replayedAnswers.increment();
    }

    /** A request was refused again with the stored refusal of an earlier one under the same Idempotency-Key. */
    @Override
    public void replayedRefusal() {
        replayedRefusals.increment();
    }

    private void afterCommit(Runnable count) {
        transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("counted after a commit, so only inside a transaction"))
                .registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        count.run();
                    }
                });
    }
}

package org.timeledger.events;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.timeledger.support.Ids;

import java.sql.Connection;
import java.util.List;

/**
 * How a feature records what happened for the event feed: {@link #record} inside the
 * transaction of the effect itself, so that the event commits if and only if the effect does.
 * An idempotent replay answers from the stored response without running the effect again, so
 * it records nothing. Recording is one INSERT and takes no lock: the order of the feed is
 * decided after commit, by the {@link Sequencer}.
 */
@Singleton
public class Events {
    private final EventStore store;
    private final TransactionOperations<Connection> transactions;

    public Events(EventStore store, TransactionOperations<Connection> transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    public void record(Event event) {
        recordAll(List.of(event));
    }

    /** Events of one transaction, in the order they happened (their ids keep it: see the sequencer). */
    public void recordAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("events are recorded in the transaction of what they record");
        }
        store.insertAll(events.stream().map(e -> new EventStore.Stored(Ids.newOrderedId("evt"), null, e)).toList());
    }
}

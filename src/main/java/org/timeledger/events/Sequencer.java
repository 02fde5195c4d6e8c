package org.timeledger.events;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.Transactions;

import java.util.List;

/**
 * Gives committed events their positions in the feed: 1, 2, 3, ... across all schemes, never
 * changed once given. Why not a sequence or an id taken at insert time: transaction A takes 5,
 * B takes 6 and commits first; a consumer reads 6, resumes after 6, and never sees 5. Here
 * nobody takes a position on the write path. Events are inserted without one, and the
 * sequencer, in a short transaction of its own:
 * <ol>
 *   <li>locks the one {@code event_sequencer} row ({@code SELECT ... FOR UPDATE}), so that one
 *       sequencer runs at a time across every instance, and reads the last position given;</li>
 *   <li>then reads the events without a position. Under READ COMMITTED that statement sees
 *       what had committed when it began: every position an earlier sequencer gave (it
 *       committed before the lock came free) and no uncommitted event;</li>
 *   <li>gives them the next positions in id order (the order in which one transaction
 *       recorded them), saves the last one given and commits.</li>
 * </ol>
 * An event that commits later is positioned by a later run, after a larger last position, so
 * it always comes after everything a consumer could have read before it committed: nothing
 * is skipped. A position is given once (the UPDATE requires it to be unset, the unique index
 * backs it up): nothing is seen twice. Positions are dense, and the value {@link #sequence}
 * answers is committed together with every position up to it, so a reader that reads only up
 * to it never sees position n + 1 without n, whatever its database's isolation.
 *
 * <p>The write path pays one INSERT and no lock; readers pay for the sequencing, which is one
 * SELECT when nothing is waiting. It runs before every page is served, and on a schedule so
 * that positions are given while nobody reads.
 */
@Singleton
public class Sequencer {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    static final int EVENTS_PER_TRANSACTION = 1_000;
    /** A reader does not wait for a backlog of more than this; the rest is positioned later. */
    static final int MAX_TRANSACTIONS_PER_CALL = 10;

    private final EventStore store;
    private final Transactions transactions;

    public Sequencer(EventStore store, Transactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /**
     * Positions what has committed and is waiting; answers the last position given, as
     * committed: every event at or below it has its position for good.
     */
    public long sequence() {
        // one look first: with nothing waiting there is no lock to take (nor, on H2, a turn to write)
        Long last = transactions.read(() -> store.unpositioned(1).isEmpty() ? store.lastPosition() : null);
        if (last != null) {
            return last;
        }
        Run run;
        int runs = 0;
        do {
            run = transactions.write(this::positionWaiting);
            runs++;
        } while (run.positioned() == EVENTS_PER_TRANSACTION && runs < MAX_TRANSACTIONS_PER_CALL);
        return run.lastPosition();
    }

    /** What one transaction of the sequencer did: the last position given, and how many it gave. */
    private record Run(long lastPosition, int positioned) {
    }

    private Run positionWaiting() {
        long position = store.lockSequencer();
        List<String> waiting = store.unpositioned(EVENTS_PER_TRANSACTION);
        if (!waiting.isEmpty()) {
            store.position(waiting, position + 1);
            position += waiting.size();
            store.saveLastPosition(position);
        }
        return new Run(position, waiting.size());
    }

    @Scheduled(fixedDelay = "${timeledger.events.sequencer-interval:5s}",
            initialDelay = "${timeledger.events.sequencer-interval:5s}")
    void scheduled() {
        try {
            sequence();
        } catch (RuntimeException e) {
            LOG.warn("The event sequencer failed; it runs again at its next interval and before every page", e);
        }
    }
}

package org.timeledger.events;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.Transactions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives committed events their positions in the feed: 1, 2, 3, ... in each scheme (a scheme's
 * own count, so that no consumer learns from its gaps how busy another scheme is), never changed
 * once given. Why not a sequence or an id taken at insert time: transaction A takes 5, B takes 6
 * and commits first; a consumer reads 6, resumes after 6, and never sees 5. Here nobody takes a
 * position on the write path. Events are inserted without one, and the sequencer, in a short
 * transaction of its own:
 * <ol>
 *   <li>locks the one {@code event_sequencer} row ({@code SELECT ... FOR UPDATE}), so that one
 *       sequencer runs at a time across every instance;</li>
 *   <li>then reads the events without a position. Under READ COMMITTED that statement sees
 *       what had committed when it began: every position an earlier sequencer gave (it
 *       committed before the lock came free) and no uncommitted event;</li>
 *   <li>gives each scheme's events the next positions of that scheme in id order (the order in
 *       which one transaction recorded them), saves each scheme's last one given
 *       ({@code event_scheme_head}) and commits.</li>
 * </ol>
 * An event that commits later is positioned by a later run, after a larger last position of its
 * scheme, so it always comes after everything a consumer could have read before it committed:
 * nothing is skipped. A position is given once (the UPDATE requires it to be unset, the unique
 * index on scheme and position backs it up): nothing is seen twice. Positions are dense in each
 * scheme, and the value {@link #sequence} answers is committed together with every position of
 * the scheme up to it, so a reader that reads only up to it never sees position n + 1 without
 * n, whatever its database's isolation.
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
     * Positions what has committed and is waiting; answers the scheme's last position given, as
     * committed: every event of the scheme at or below it has its position for good.
     */
    public long sequence(String schemeId) {
        // one look first: with nothing waiting there is no lock to take (nor, on H2, a turn to write)
        Long last = transactions.read(() -> store.unpositioned(1).isEmpty() ? store.lastPosition(schemeId) : null);
        if (last != null) {
            return last;
        }
        positionAllWaiting();
        return transactions.read(() -> store.lastPosition(schemeId));
    }

    /** Positions what has committed and is waiting, in every scheme. */
    void sequenceAll() {
        if (!transactions.read(() -> store.unpositioned(1).isEmpty())) {
            positionAllWaiting();
        }
    }

    private void positionAllWaiting() {
        int positioned;
        int runs = 0;
        do {
            positioned = transactions.write(this::positionWaiting);
            runs++;
        } while (positioned == EVENTS_PER_TRANSACTION && runs < MAX_TRANSACTIONS_PER_CALL);
    }

    /** One transaction of the sequencer: answers how many events it positioned. */
    private int positionWaiting() {
        store.lockSequencer();
        List<EventStore.Waiting> waiting = store.unpositioned(EVENTS_PER_TRANSACTION);
        Map<String, List<String>> bySchemeInIdOrder = new LinkedHashMap<>();
        for (EventStore.Waiting w : waiting) {
            bySchemeInIdOrder.computeIfAbsent(w.schemeId(), k -> new ArrayList<>()).add(w.id());
        }
        bySchemeInIdOrder.forEach((schemeId, ids) -> {
            long last = store.lastPosition(schemeId);
            store.position(ids, last + 1);
            store.saveLastPosition(schemeId, last + ids.size());
        });
        return waiting.size();
    }

    @Scheduled(fixedDelay = "${timeledger.events.sequencer-interval:5s}",
            initialDelay = "${timeledger.events.sequencer-interval:5s}")
    void scheduled() {
        try {
            sequenceAll();
        } catch (RuntimeException e) {
            LOG.warn("The event sequencer failed; it runs again at its next interval and before every page", e);
        }
    }
}

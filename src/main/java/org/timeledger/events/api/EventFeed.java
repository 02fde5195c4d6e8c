package org.timeledger.events.api;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.events.api.EventViews.EventPage;
import org.timeledger.events.api.EventViews.EventView;
import org.timeledger.query.Cursors;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Transactions;

import java.util.List;
import org.timeledger.events.EventStore;
import org.timeledger.events.Sequencer;

/**
 * Reading the feed: a scheme's events in position order, after a cursor. Administrators and
 * auditors of the scheme read all of them; a till only its own partner's (its redemptions, and
 * entries touching its account). The sequencer runs first, so that a page holds everything
 * committed before it was asked for; the page stops at the last position that run answered,
 * below which every position is given for good (see {@link Sequencer}).
 */
@Singleton
public class EventFeed {
    private final Access access;
    private final Sequencer sequencer;
    private final EventStore store;
    private final Transactions transactions;

    public EventFeed(Access access, Sequencer sequencer, EventStore store, Transactions transactions) {
        this.access = access;
        this.sequencer = sequencer;
        this.store = store;
        this.transactions = transactions;
    }

    public EventPage page(Caller caller, String schemeCode, String after, Integer limit) {
        int size = Cursors.limit(limit);
        long from = Cursors.decodeLong(after, 0);
        Scheme scheme = transactions.read(() -> access.scheme(caller, schemeCode));
        String partnerId = caller.is(Role.PARTNER) ? caller.partnerId() : null;
        long upTo = sequencer.sequence(scheme.id());
        List<EventStore.Stored> events = transactions.read(() -> store.page(scheme.id(), partnerId, from, upTo, size));
        List<EventView> items = events.stream().map(EventView::of).toList();
        return new EventPage(items, events.isEmpty() ? null : cursor(events.get(events.size() - 1).position()));
    }

    static String cursor(long position) {
        return Cursors.encode(Long.toString(position));
    }
}

package org.timeledger.ledger;

import java.util.List;
import java.util.Map;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;

/**
 * Told what the ledger has just written, inside the transaction that wrote it, so that a
 * feature can record something of its own that commits or rolls back with it (the event
 * feed). The ledger knows nothing of who listens. An observer must only write rows of its
 * own: it runs under the ledger's account locks, and a failure rolls the whole entry back.
 */
public interface LedgerObserver {

    /** Entries just written; {@code accounts} holds every account they touch, as they now stand. */
    default void posted(List<JournalEntry> entries, Map<String, Account> accounts) {
    }

    /** Holds just marked EXPIRED (by the sweep, or by locking their account). */
    default void holdsExpired(List<Hold> holds) {
    }
}

package org.timeledger.ledger;

import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.EntryPosting;
import org.timeledger.ledger.model.OwnerBalance;
import org.timeledger.ledger.store.JournalStore;
import org.timeledger.ledger.store.LedgerStore;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scheme's journal read for an export: its accounts, what they held before a period, and the
 * period's postings in order. Read-only, on the caller's transaction, which should be one
 * snapshot so that the parts agree.
 */
@Singleton
public class Journal {
    private final JournalStore store;
    private final LedgerStore ledgerStore;

    public Journal(JournalStore store, LedgerStore ledgerStore) {
        this.store = store;
        this.ledgerStore = ledgerStore;
    }

    /** Every account of the scheme, in id order. */
    public List<Account> accounts(String schemeId) {
        return ledgerStore.accountsOfScheme(schemeId);
    }

    /** Per kind and owner of the scheme's accounts, the sum of their postings by entries posted before {@code before}. */
    public List<OwnerBalance> balancesBefore(String schemeId, Instant before) {
        return store.balancesBefore(schemeId, before);
    }

    /**
     * The postings of the scheme's entries posted in [from, to), in the order of the entries'
     * posting times and ids, then amount and account, streamed to the consumer as they are read.
     */
    public void forEachPosting(String schemeId, Instant from, Instant to, Consumer<EntryPosting> consumer) {
        store.forEachPosting(schemeId, from, to, consumer);
    }
}

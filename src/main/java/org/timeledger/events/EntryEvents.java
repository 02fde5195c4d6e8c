package org.timeledger.events;

import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.LedgerObserver;
import org.timeledger.ledger.model.Posting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code entry.posted} for every entry the ledger writes, whatever feature asked for it:
 * {@code Ledger.post} is the one write path, and tells its observers in the same transaction.
 */
@Singleton
public class EntryEvents implements LedgerObserver {
    private final Events events;

    public EntryEvents(Events events) {
        this.events = events;
    }

    @Override
    public void posted(List<JournalEntry> entries, Map<String, Account> accounts) {
        List<Event> posted = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            posted.add(of(entry, accounts));
        }
        events.recordAll(posted);
    }

    /**
     * Amount: what the entry moved (the sum of its credits). Partner: the owner of the PARTNER
     * account it touches, so the partner's till sees redemptions, refunds and settlements of its
     * account; the entry types allow at most one such account in an entry.
     */
    static Event of(JournalEntry entry, Map<String, Account> accounts) {
        long moved = 0;
        String partnerId = null;
        List<String> accountIds = new ArrayList<>();
        for (Posting posting : entry.postings()) {
            accountIds.add(posting.accountId());
            if (posting.amountMinutes() > 0) {
                moved = Math.addExact(moved, posting.amountMinutes());
            }
            Account account = accounts.get(posting.accountId());
            if (partnerId == null && account != null && account.kind() == AccountKind.PARTNER) {
                partnerId = account.ownerId();
            }
        }
        return Event.of(entry.schemeId(), EventType.ENTRY_POSTED, entry.postedAt())
                .withEntry(entry.id(), entry.type().name(), accountIds)
                .withAmount(moved)
                .withMember(entry.onBehalfOf())
                .withPartner(partnerId);
    }
}

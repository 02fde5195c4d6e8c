package org.timeledger.redemption;

import jakarta.inject.Singleton;
import org.timeledger.events.Event;
import org.timeledger.events.EventType;
import org.timeledger.events.Events;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.LedgerObserver;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The feed's redemption events, each recorded in the transaction of what it records. Holds
 * expire inside the ledger (its sweep, or any lock of their account releases them), so
 * {@code redemption.expired} is recorded when the ledger says a hold expired: the ledger
 * itself knows nothing of redemptions.
 */
@Singleton
public class RedemptionEvents implements LedgerObserver {
    private final Events events;
    private final RedemptionStore store;

    public RedemptionEvents(Events events, RedemptionStore store) {
        this.events = events;
        this.store = store;
    }

    void held(Redemption r) {
        events.record(about(r, EventType.REDEMPTION_HELD, r.createdAt()).withAmount(r.heldMinutes())
                .withEntry(null, null, List.of(r.fundingAccountId())));
    }

    void captured(Redemption r, JournalEntry entry, long minutes) {
        events.record(about(r, EventType.REDEMPTION_CAPTURED, entry.postedAt()).withAmount(minutes)
                .withEntry(entry.id(), entry.type().name(), accountsOf(entry)));
    }

    void voided(Redemption r, Hold hold) {
        events.record(about(r, EventType.REDEMPTION_VOIDED, hold.resolvedAt()).withAmount(hold.amountMinutes())
                .withEntry(null, null, List.of(r.fundingAccountId())));
    }

    void refunded(Redemption r, JournalEntry entry, String refundId, long minutes) {
        events.record(about(r, EventType.REDEMPTION_REFUNDED, entry.postedAt()).withAmount(minutes)
                .withEntry(entry.id(), entry.type().name(), accountsOf(entry))
                .withRedemption(r.id(), refundId));
    }

    @Override
    public void holdsExpired(List<Hold> holds) {
        Map<String, Hold> byId = holds.stream().collect(Collectors.toMap(Hold::id, h -> h));
        List<Event> expired = store.ofHolds(byId.keySet()).stream().map(r -> {
            Hold hold = byId.get(r.holdId());
            return about(r, EventType.REDEMPTION_EXPIRED, hold.resolvedAt()).withAmount(hold.amountMinutes())
                    .withEntry(null, null, List.of(r.fundingAccountId()));
        }).toList();
        events.recordAll(expired);
    }

    private static Event about(Redemption r, EventType type, Instant at) {
        return Event.of(r.schemeId(), type, at).withRedemption(r.id(), null).withMember(r.memberId())
                .withPartner(r.partnerId());
    }

    private static List<String> accountsOf(JournalEntry entry) {
        return entry.postings().stream().map(p -> p.accountId()).toList();
    }
}

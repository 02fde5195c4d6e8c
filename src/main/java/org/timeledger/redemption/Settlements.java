package org.timeledger.redemption;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import org.timeledger.query.Times;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.redemption.RedemptionViews.PartnerRedemptions;
import org.timeledger.redemption.RedemptionViews.RedemptionView;
import org.timeledger.redemption.RedemptionViews.SettlementView;
import org.timeledger.redemption.RedemptionViews.Totals;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What a partner took in, and settling it: the council retires a partner's credits to
 * ISSUANCE (a SETTLEMENT entry) and reimburses or accounts for them, with a record of what was
 * settled up to when.
 */
@Singleton
public class Settlements {
    /** A statement lists at most this many redemptions; a longer period must be asked in parts. */
    static final int MAX_STATEMENT = 10_000;

    private final RedemptionStore store;
    private final Redemptions redemptions;
    private final Ledger ledger;
    private final Access access;
    private final SchemeService schemes;
    private final Transactions transactions;
    private final Clock clock;

    public Settlements(RedemptionStore store, Redemptions redemptions, Ledger ledger, Access access, SchemeService schemes,
                       Transactions transactions, Clock clock) {
        this.store = store;
        this.redemptions = redemptions;
        this.ledger = ledger;
        this.access = access;
        this.schemes = schemes;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A partner's redemptions created in [from, to) (defaults: ever, now), with their totals. */
    public PartnerRedemptions statement(Caller caller, String partnerId, Instant from, Instant to) {
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? clock.instant() : to;
        if (end.isBefore(start)) {
            throw RejectedException.invalidField("to", "is before from");
        }
        return transactions.read(() -> {
            Partner partner = access.partner(caller, partnerId);
            List<Redemption> found = store.ofPartner(partner.id(), start, end, MAX_STATEMENT + 1);
            if (found.size() > MAX_STATEMENT) {
                throw RejectedException.invalidField("from", "the period holds more than " + MAX_STATEMENT
                        + " redemptions; ask for a shorter one");
            }
            List<RedemptionView> items = found.stream().map(r -> redemptions.view(r, null)).toList();
            long capturedMinutes = found.stream().mapToLong(r -> r.capturedMinutes() == null ? 0 : r.capturedMinutes()).sum();
            long refundedMinutes = found.stream().mapToLong(Redemption::refundedMinutes).sum();
            return new PartnerRedemptions(partner.id(), start, end, items,
                    new Totals(found.size(), capturedMinutes, refundedMinutes, capturedMinutes - refundedMinutes));
        });
    }

    /**
     * Settles what the partner took in from entries posted up to {@code upTo}, less what was
     * settled before. In the command's transaction (the one that records the Idempotency-Key).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public SettlementView settle(Caller caller, String partnerId, Instant upTo) {
        Instant now = clock.instant();
        Times.checked("upTo", upTo);
        if (upTo.isAfter(now)) {
            throw RejectedException.invalidField("upTo", "is in the future; settle up to now at the latest");
        }
        Partner partner = access.partner(caller, partnerId);
        Scheme scheme = schemes.findById(partner.schemeId()).orElseThrow();
        store.lockPartner(partner.id()); // two settlements at once would both count what neither has settled yet
        long settledBeforeMinutes = store.settlements(partner.id()).stream()
                .mapToLong(RedemptionStore.SettlementRow::amountMinutes).sum();
        // what the partner's account took in, net, from entries posted up to then, settlements left out
        long earnedMinutes = ledger.balanceAsOfExcept(partner.accountId(), upTo, EntryType.SETTLEMENT);
        long dueMinutes = earnedMinutes - settledBeforeMinutes;
        if (dueMinutes <= 0) {
            throw RejectedException.invalidField("upTo", "there is nothing left to settle up to " + upTo
                    + " (settled so far: " + Minutes.inWords(settledBeforeMinutes) + ")");
        }
        JournalEntry entry = ledger.move(scheme.id(), EntryType.SETTLEMENT, partner.accountId(), scheme.issuanceAccountId(),
                dueMinutes, "Settlement of " + partner.name() + " up to " + upTo, Actor.of(caller.principalId()));
        RedemptionStore.SettlementRow row = new RedemptionStore.SettlementRow(Ids.newId("stl"), scheme.id(), partner.id(),
                entry.id(), dueMinutes, upTo, caller.principalId(), entry.postedAt());
        store.insertSettlement(row);
        return SettlementView.of(row);
    }

    public List<SettlementView> settlements(Caller caller, String partnerId) {
        return transactions.read(() -> store.settlements(access.partner(caller, partnerId).id()).stream()
                .map(SettlementView::of).toList());
    }
}

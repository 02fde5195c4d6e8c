package org.timeledger.redemption;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.giving.Beneficiaries;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.redemption.RedemptionViews.RedemptionView;
import org.timeledger.redemption.RedemptionViews.RefundView;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Spending at a till, two-phase like a card payment: a hold sets the credits aside on the
 * funding account, then the till captures it (all or part: the rest is released), voids it,
 * or lets it expire; a captured redemption may be refunded, in parts, up to what was captured.
 * Every change of one redemption locks its row first, then the accounts, then the hold, so
 * each hold resolves exactly once. The methods that move credits run on the caller's
 * transaction (the one that records the Idempotency-Key).
 */
@Singleton
public class Redemptions {
    private final RedemptionStore store;
    private final OfferRepository offers;
    private final Cards cards;
    private final Ledger ledger;
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final Transactions transactions;
    private final RedemptionEvents events;
    private final Clock clock;

    public Redemptions(RedemptionStore store, OfferRepository offers, Cards cards, Ledger ledger, Access access,
                       PartyService parties, SchemeService schemes, Transactions transactions, RedemptionEvents events,
                       Clock clock) {
        this.store = store;
        this.offers = offers;
        this.cards = cards;
        this.ledger = ledger;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RedemptionView hold(Caller caller, RedemptionRequests.Hold request) {
        Partner partner = access.partner(caller, caller.partnerId());
        Scheme scheme = schemes.findById(partner.schemeId()).orElseThrow();
        if ((request.offerId() == null) == (request.amountMinutes() == null)) {
            throw RejectedException.invalidField("offerId", "give either offerId or amountMinutes, not both and not neither");
        }
        Member holder = cards.holder(scheme.id(), request.cardNumber());
        String funding = fundingAccount(holder, request.fundingAccountId());
        Offer offer = request.offerId() == null ? null : availableOffer(partner, request.offerId(), scheme);
        long amountMinutes = offer == null ? request.amountMinutes() : offer.amountMinutes();
        Instant now = clock.instant();
        boolean captureNow = Boolean.TRUE.equals(request.capture());
        Hold hold = ledger.hold(scheme.id(), funding, amountMinutes, now.plus(scheme.holdMinutes(), ChronoUnit.MINUTES),
                captureNow ? List.of(partner.accountId()) : List.of());
        Redemption redemption = Redemption.held(partner.id(), offer, holder, hold, Text.strip(request.tillReference()),
                caller.principalId());
        store.insert(redemption);
        events.held(redemption);
        if (captureNow) {
            return capture(caller, redemption, partner, amountMinutes);
        }
        return view(store.find(redemption.id()).orElseThrow(), availableMinutes(funding));
    }

    /** The holder's own account, or one whose owner named the holder beneficiary. */
    private String fundingAccount(Member holder, String requested) {
        if (requested == null || requested.equals(holder.accountId())) {
            return holder.accountId();
        }
        // which accounts, not what they hold: the hold itself checks the funds, under the account's lock
        return cards.nominators(holder).stream().map(Member::accountId).filter(requested::equals).findFirst()
                .orElseThrow(() -> RejectedException.invalidField("fundingAccountId",
                        "is not an account this card may spend from (its own, or one whose owner named them beneficiary)"));
    }

    /** The partner's own active offer, with room in its weekly quota; the offer's row stays locked. */
    private Offer availableOffer(Partner partner, String offerId, Scheme scheme) {
        Offer found = offers.findById(offerId).orElse(null);
        // an offer with a quota is counted under its row lock; one without need not queue
        Offer offer = (found != null && found.weeklyQuota() != null ? offers.lock(offerId) : java.util.Optional.ofNullable(found))
                .filter(o -> o.partnerId().equals(partner.id()))
                .orElseThrow(() -> new RejectedException(Refusal.OFFER_NOT_AVAILABLE, "No offer " + offerId + " of " + partner.name() + "."));
        if (!offer.active()) {
            throw new RejectedException(Refusal.OFFER_NOT_AVAILABLE, "'" + offer.title() + "' has been retired.");
        }
        if (offer.weeklyQuota() != null) {
            Instant now = Clocks.now(clock);
            ZoneId zone = ZoneId.of(scheme.timeZone());
            Instant monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(zone).toInstant();
            long usedCount = store.countTowardsQuota(offer.id(), monday, now);
            if (usedCount >= offer.weeklyQuota()) {
                throw new RejectedException(Refusal.QUOTA_EXHAUSTED, "'" + offer.title() + "' has had its "
                        + offer.weeklyQuota() + " redemptions this week (from Monday); it is available again next week.");
            }
        }
        return offer;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RedemptionView capture(Caller caller, String redemptionId, RedemptionRequests.Capture request) {
        Redemption redemption = lockOwn(caller, redemptionId);
        Partner partner = parties.findPartner(redemption.partnerId()).orElseThrow();
        long amountMinutes = redemption.captureMinutes(request.amountMinutes());
        return capture(caller, redemption, partner, amountMinutes);
    }

    private RedemptionView capture(Caller caller, Redemption redemption, Partner partner, long amountMinutes) {
        String memo = (redemption.offerTitle() == null ? "Redemption" : redemption.offerTitle()) + " at " + partner.name();
        JournalEntry entry = ledger.capture(redemption.holdId(), amountMinutes, EntryType.REDEMPTION, partner.accountId(),
                memo, new Actor(caller.principalId(), redemption.memberId()));
        store.captured(redemption.id(), amountMinutes, entry.id(), entry.postedAt());
        events.captured(redemption, entry, amountMinutes);
        return view(store.find(redemption.id()).orElseThrow(), availableMinutes(redemption.fundingAccountId()));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RedemptionView voidHold(Caller caller, String redemptionId) {
        Redemption redemption = lockOwn(caller, redemptionId);
        Hold voided = ledger.voidHold(redemption.holdId());
        events.voided(redemption, voided);
        return view(store.find(redemption.id()).orElseThrow(), availableMinutes(redemption.fundingAccountId()));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RefundView refund(Caller caller, String redemptionId, RedemptionRequests.Refund request) {
        Redemption redemption = lockOwn(caller, redemptionId);
        if (redemption.capturedMinutes() == null) {
            throw new RejectedException(Refusal.REFUND_EXCEEDS_CAPTURED,
                    "Those credits were never taken, so there is nothing to refund; cancel the sale instead.");
        }
        long leftMinutes = redemption.refundableMinutes();
        if (request.amountMinutes() > leftMinutes) {
            throw new RejectedException(Refusal.REFUND_EXCEEDS_CAPTURED, Minutes.inWords(redemption.capturedMinutes())
                    + " were taken and " + Minutes.inWords(redemption.refundedMinutes()) + " refunded already; at most "
                    + Minutes.inWords(leftMinutes) + " can be refunded, not " + Minutes.inWords(request.amountMinutes()) + ".");
        }
        Partner partner = parties.findPartner(redemption.partnerId()).orElseThrow();
        JournalEntry entry = ledger.move(redemption.schemeId(), EntryType.REFUND, partner.accountId(),
                redemption.fundingAccountId(), request.amountMinutes(), "Refund from " + partner.name() + ": "
                        + Text.strip(request.reason()), new Actor(caller.principalId(), redemption.memberId()));
        RedemptionStore.RefundRow refund = new RedemptionStore.RefundRow(Ids.newId("rfd"), redemption.id(), entry.id(),
                request.amountMinutes(), Text.strip(request.reason()), caller.principalId(), entry.postedAt());
        store.insertRefund(refund);
        events.refunded(redemption, entry, refund.id(), refund.amountMinutes());
        return new RefundView(refund.id(), redemption.id(), entry.id(), refund.amountMinutes(), refund.reason(),
                redemption.refundedMinutes() + refund.amountMinutes(), refund.createdAt());
    }

    public RedemptionView get(Caller caller, String redemptionId) {
        return transactions.read(() -> view(store.find(redemptionId).filter(r -> maySee(caller, r))
                .orElseThrow(() -> notFound(redemptionId)), null));
    }

    /** A till acts on its own partner's redemptions; an administrator of the scheme on any (refunds). */
    private Redemption lockOwn(Caller caller, String redemptionId) {
        return store.lock(redemptionId).filter(r -> caller.inScheme(r.schemeId())
                        && (caller.is(Role.ADMIN) || caller.is(Role.PARTNER) && r.partnerId().equals(caller.partnerId())))
                .orElseThrow(() -> notFound(redemptionId));
    }

    private static boolean maySee(Caller caller, Redemption r) {
        return caller.inScheme(r.schemeId()) && (caller.is(Role.ADMIN, Role.AUDITOR)
                || caller.is(Role.PARTNER) && r.partnerId().equals(caller.partnerId()));
    }

    private long availableMinutes(String accountId) {
        return ledger.findAccount(accountId).orElseThrow().availableMinutes();
    }

    RedemptionView view(Redemption r, Long availableAfter) {
        return new RedemptionView(r.id(), r.statusAt(clock.instant()), r.partnerId(), r.offerId(), r.offerTitle(),
                Beneficiaries.firstName(r.memberName()), r.fundingAccountId(), r.heldMinutes(), r.capturedMinutes(),
                r.refundedMinutes(), r.holdExpiresAt(), availableAfter, r.tillReference(), r.entryId(), r.createdAt(),
                r.capturedAt());
    }

    private static RejectedException notFound(String id) {
        return new RejectedException(Refusal.NOT_FOUND, "No redemption " + id + ".");
    }
}

package org.timeledger.redemption;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.problem.RejectedException;
import org.timeledger.redemption.RedemptionViews.OfferView;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Partners' offers: published by an administrator or the partner's own till, changed or retired later. */
@Singleton
public class Offers {
    static final int MAX_QUOTA = 100_000;

    private final AuditTrail audit;
    private final OfferRepository offers;
    private final Access access;
    private final PartyService parties;
    private final Transactions transactions;
    private final Clock clock;

    public Offers(AuditTrail audit, OfferRepository offers, Access access, PartyService parties, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.offers = offers;
        this.access = access;
        this.parties = parties;
        this.transactions = transactions;
        this.clock = clock;
    }

    public OfferView create(Caller caller, String partnerId, RedemptionRequests.CreateOffer request) {
        checkAmount(request.amountMinutes());
        checkNewQuota(request.weeklyQuota());
        return transactions.write(() -> {
            Partner partner = access.partner(caller, partnerId);
            Instant now = now();
            Offer offer = offers.save(new Offer(Ids.newId("ofr"), partner.schemeId(), partner.id(), Text.strip(request.title()),
                    request.amountMinutes(), request.weeklyQuota(), request.active() == null || request.active(), now, now));
            audit.record(caller, offer.schemeId(), Action.OFFER_CREATED, Subject.offer(offer.id()), Changes.of()
                    .field("partnerId", null, offer.partnerId())
                    .field("title", null, offer.title())
                    .field("amountMinutes", null, offer.amountMinutes())
                    .field("weeklyQuota", null, offer.weeklyQuota())
                    .field("active", null, offer.active()));
            return view(offer, partner);
        });
    }

    public OfferView change(Caller caller, String offerId, RedemptionRequests.ChangeOffer request) {
        if (request.amountMinutes() != null) {
            checkAmount(request.amountMinutes());
        }
        checkChangedQuota(request.weeklyQuota());
        return transactions.write(() -> {
            Offer offer = offers.lock(offerId).orElseThrow(() -> notFound(offerId));
            Partner partner = access.partner(caller, offer.partnerId());
            Integer quota = request.weeklyQuota() == null ? offer.weeklyQuota()
                    : request.weeklyQuota() == 0 ? null : request.weeklyQuota();
            Offer changed = offers.update(new Offer(offer.id(), offer.schemeId(), offer.partnerId(),
                    request.title() == null ? offer.title() : Text.strip(request.title()),
                    request.amountMinutes() == null ? offer.amountMinutes() : request.amountMinutes(), quota,
                    request.active() == null ? offer.active() : request.active(), offer.createdAt(), now()));
            Changes changes = Changes.of()
                    .field("title", offer.title(), changed.title())
                    .field("amountMinutes", offer.amountMinutes(), changed.amountMinutes())
                    .field("weeklyQuota", offer.weeklyQuota(), changed.weeklyQuota())
                    .field("active", offer.active(), changed.active());
            if (!changes.isEmpty()) {
                audit.record(caller, offer.schemeId(), Action.OFFER_UPDATED, Subject.offer(offer.id()), changes);
            }
            return view(changed, partner);
        });
    }

    /** A partner's offers, retired ones included. */
    public List<OfferView> ofPartner(Caller caller, String partnerId) {
        return transactions.read(() -> {
            Partner partner = access.partner(caller, partnerId);
            return offers.findByPartnerIdOrderById(partner.id()).stream().map(o -> view(o, partner)).toList();
        });
    }

    /** The scheme's active offers, with each partner's name and ward: where members can spend. */
    public Page<OfferView> active(Caller caller, String schemeCode, Integer limit, String cursor) {
        return transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            int size = Cursors.limit(limit);
            String after = Cursors.decode(cursor, "");
            return Page.fetch(size, rows -> offers.activePage(scheme.id(), after, rows), Offer::id,
                    o -> view(o, parties.findPartner(o.partnerId()).orElseThrow()));
        });
    }

    static OfferView view(Offer o, Partner partner) {
        return new OfferView(o.id(), partner.id(), partner.name(), partner.ward(), o.title(), o.amountMinutes(),
                o.weeklyQuota(), o.active(), o.createdAt(), o.updatedAt());
    }

    private static void checkAmount(long amountMinutes) {
        if (amountMinutes < 1 || amountMinutes > Minutes.MAX_AMOUNT) {
            throw RejectedException.invalidField("amountMinutes", "must be 1 to " + Minutes.MAX_AMOUNT + " minutes");
        }
    }

    /** A new offer's quota: absent for none. */
    private static void checkNewQuota(Integer quota) {
        checkQuota(quota, 1, "; leave it out for none");
    }

    /** A changed offer's quota: absent leaves it as it was, 0 removes it. */
    private static void checkChangedQuota(Integer quota) {
        checkQuota(quota, 0, ", or 0 to remove the quota");
    }

    private static void checkQuota(Integer quota, int least, String otherwise) {
        if (quota != null && (quota < least || quota > MAX_QUOTA)) {
            throw RejectedException.invalidField("weeklyQuota", "must be 1 to " + MAX_QUOTA + " redemptions a week" + otherwise);
        }
    }

    private static RejectedException notFound(String id) {
        return new RejectedException(Refusal.NOT_FOUND, "No offer " + id + ".");
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}

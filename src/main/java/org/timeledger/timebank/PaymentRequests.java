package org.timeledger.timebank;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;
import org.timeledger.timebank.TimebankViews.PaymentRequestView;
import org.timeledger.volunteering.Category;
import org.timeledger.volunteering.HelpChecks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A helper asking the member they helped to pay: the payer confirms (which settles the exchange),
 * or declines; the helper may cancel; unanswered, the request expires after the scheme's
 * {@code paymentRequestDays}. Only the two members see a request.
 */
@Singleton
public class PaymentRequests {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final HelpChecks help;
    private final Exchanges exchanges;
    private final PaymentRequestStore store;
    private final Transactions transactions;
    private final Clock clock;

    PaymentRequests(Access access, PartyService parties, SchemeService schemes, HelpChecks help, Exchanges exchanges,
                    PaymentRequestStore store, Transactions transactions, Clock clock) {
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.help = help;
        this.exchanges = exchanges;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The calling member helped someone and asks them to pay; checked against the exchange rules now and again when confirmed. */
    public PaymentRequestView ask(Caller caller, TimebankRequests.AskPayment request) {
        return transactions.write(() -> {
            Member helper = access.member(caller, caller.memberId());
            Scheme scheme = schemes.findById(helper.schemeId()).orElseThrow();
            Member payer = exchanges.otherParty(scheme, request.fromMemberId(), request.fromCardNumber(), request.listingId(),
                    helper, "fromMemberId", "fromCardNumber");
            Category category = help.category(scheme, request.categoryCode(), "categoryCode");
            Exchanges.Terms terms = new Exchanges.Terms(scheme, payer, helper, request.minutes(), category, request.date(),
                    Text.strip(request.description()), request.listingId());
            exchanges.check(terms);
            exchanges.checkDay(terms);
            Instant now = now();
            PaymentRequest asked = new PaymentRequest(Ids.newId("pr"), scheme.id(), helper.id(), payer.id(),
                    request.minutes().intValue(), category.id(), request.date(), Text.strip(request.description()),
                    request.listingId(), PaymentRequest.Status.PENDING, caller.principalId(), now,
                    now.plus(Duration.ofDays(scheme.paymentRequestDays())), null, null, null);
            store.insert(asked);
            return view(asked, scheme);
        });
    }

    /**
     * The payer confirms: the exchange is settled and the request CONFIRMED, in the command's
     * transaction, holding the request's row lock, so however many confirmations arrive at once,
     * one entry is posted; a confirmed request is answered as it is.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public PaymentRequestView confirm(Caller caller, String id) {
        PaymentRequest request = locked(caller, id);
        Scheme scheme = schemes.findById(request.schemeId()).orElseThrow();
        if (request.status() == PaymentRequest.Status.CONFIRMED) {
            return view(request, scheme);
        }
        Member payer = payerOnly(caller, request, "confirm");
        refuseUnlessPending(request, scheme);
        Member helper = parties.findMember(request.helperMemberId()).orElseThrow();
        Category category = help.categoryById(request.categoryId()).orElseThrow();
        Exchange exchange = exchanges.settle(new Exchanges.Terms(scheme, payer, helper, request.minutes(), category,
                request.date(), request.description(), request.listingId()), Actor.of(caller.principalId()), request.id());
        PaymentRequest confirmed = request.decided(PaymentRequest.Status.CONFIRMED, exchange.recordedAt(), null, exchange.entryId());
        store.decide(confirmed);
        return view(confirmed, scheme);
    }

    public PaymentRequestView decline(Caller caller, String id, String reason) {
        return transactions.write(() -> {
            PaymentRequest request = locked(caller, id);
            Scheme scheme = schemes.findById(request.schemeId()).orElseThrow();
            payerOnly(caller, request, "decline");
            refuseUnlessPending(request, scheme);
            PaymentRequest declined = request.decided(PaymentRequest.Status.DECLINED, now(), Text.strip(reason), null);
            store.decide(declined);
            return view(declined, scheme);
        });
    }

    public PaymentRequestView cancel(Caller caller, String id) {
        return transactions.write(() -> {
            PaymentRequest request = locked(caller, id);
            Scheme scheme = schemes.findById(request.schemeId()).orElseThrow();
            if (!request.helperMemberId().equals(caller.memberId())) {
                throw new RejectedException(Refusal.FORBIDDEN, "Only the member who asked to be paid can cancel this request; "
                        + "as the payer, decline it instead.");
            }
            refuseUnlessPending(request, scheme);
            PaymentRequest cancelled = request.decided(PaymentRequest.Status.CANCELLED, now(), null, null);
            store.decide(cancelled);
            return view(cancelled, scheme);
        });
    }

    /** The request, locked, if the caller is one of its two members; 404 for everyone else. */
    private PaymentRequest locked(Caller caller, String id) {
        return store.lock(id).filter(r -> caller.memberId() != null
                        && (caller.memberId().equals(r.payerMemberId()) || caller.memberId().equals(r.helperMemberId())))
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No payment request " + id + "."));
    }

    private Member payerOnly(Caller caller, PaymentRequest request, String action) {
        if (!request.payerMemberId().equals(caller.memberId())) {
            throw new RejectedException(Refusal.FORBIDDEN, "Only the member asked to pay can " + action
                    + " this request; you asked for it, so you may cancel it.");
        }
        return access.member(caller, caller.memberId());
    }

    private void refuseUnlessPending(PaymentRequest request, Scheme scheme) {
        PaymentRequest.Status status = request.statusAt(now());
        if (status == PaymentRequest.Status.EXPIRED) {
            throw new RejectedException(Refusal.PAYMENT_REQUEST_EXPIRED, "This request for "
                    + Minutes.inWords(request.minutes()) + " expired on " + DAY.format(request.expiresAt()
                    .atZone(java.time.ZoneId.of(scheme.timeZone()))) + ", unanswered; the helper may ask again.");
        }
        if (status != PaymentRequest.Status.PENDING) {
            throw new RejectedException(Refusal.PAYMENT_REQUEST_DECIDED, "This request was already "
                    + status.name().toLowerCase(Locale.ROOT) + (request.decidedAt() == null ? "" : " on "
                    + DAY.format(request.decidedAt().atZone(java.time.ZoneId.of(scheme.timeZone())))) + ".");
        }
    }

    // ---- reading ----

    public Page<PaymentRequestView> mine(Caller caller, String direction, String status, Integer limit, String cursor) {
        boolean incoming = direction(direction);
        PaymentRequest.Status wanted = status(status);
        return transactions.read(() -> {
            Member member = access.member(caller, caller.memberId());
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            int size = Cursors.limit(limit);
            List<PaymentRequest> rows = store.page(member.id(), incoming, wanted, now(), Cursors.decode(cursor, null), size + 1);
            Map<String, Member> members = parties.findMembers(scheme.id(), rows.stream()
                    .flatMap(r -> java.util.stream.Stream.of(r.payerMemberId(), r.helperMemberId())).collect(java.util.stream.Collectors.toSet()));
            return Page.fetch(size, n -> rows, PaymentRequest::id, r -> view(r, scheme, members));
        });
    }

    private static boolean direction(String direction) {
        if (direction == null || direction.equals("incoming")) {
            return true;
        }
        if (direction.equals("outgoing")) {
            return false;
        }
        throw RejectedException.invalidField("direction", "must be incoming (requests you are asked to pay) or outgoing "
                + "(requests you made)");
    }

    private static PaymentRequest.Status status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return PaymentRequest.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalidField("status", "must be PENDING, CONFIRMED, DECLINED, CANCELLED or EXPIRED");
        }
    }

    private PaymentRequestView view(PaymentRequest r, Scheme scheme) {
        return view(r, scheme, parties.findMembers(scheme.id(), Set.of(r.payerMemberId(), r.helperMemberId())));
    }

    private PaymentRequestView view(PaymentRequest r, Scheme scheme, Map<String, Member> members) {
        Category category = help.categoryById(r.categoryId()).orElseThrow();
        return new PaymentRequestView(r.id(), scheme.code(), r.statusAt(now()), r.helperMemberId(),
                members.get(r.helperMemberId()).displayName(), r.payerMemberId(), members.get(r.payerMemberId()).displayName(),
                r.minutes(), category.code(), category.name(), r.date(), r.description(), r.listingId(), r.createdAt(),
                r.expiresAt(), r.decidedAt(), r.declineReason(), r.entryId());
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}

package org.timeledger.timebank;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.access.Staff;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.query.Times;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;
import org.timeledger.timebank.TimebankViews.ExchangeView;
import org.timeledger.volunteering.Category;
import org.timeledger.volunteering.HelpChecks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Members paying each other for help: the member who received help pays the member who gave
 * it with an EXCHANGE entry, recorded by the payer, by staff for members who are not online, or
 * by the payer confirming the helper's payment request. Every way goes through {@link #settle},
 * so the same rules apply to all (see {@link ExchangeRule}).
 */
@Singleton
public class Exchanges {
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final HelpChecks help;
    private final Ledger ledger;
    private final ExchangeStore store;
    private final PaymentRequestStore requests;
    private final ExchangedMinutes exchanged;
    private final Staff staff;
    private final Transactions transactions;
    private final Clock clock;

    Exchanges(Access access, PartyService parties, SchemeService schemes, HelpChecks help, Ledger ledger,
              ExchangeStore store, PaymentRequestStore requests, ExchangedMinutes exchanged, Staff staff,
              Transactions transactions, Clock clock) {
        this.requests = requests;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.help = help;
        this.ledger = ledger;
        this.store = store;
        this.exchanged = exchanged;
        this.staff = staff;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What an exchange is: who paid whom, for how long, for what kind of help, on which day. */
    record Terms(Scheme scheme, Member payer, Member helper, long minutes, Category category, LocalDate date,
                 String description, String listingId) {
    }

    // ---- recording ----

    /** Help the calling member received, paid to its helper, in the command's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ExchangeView record(Caller caller, TimebankRequests.MemberExchange request) {
        Member payer = access.member(caller, caller.memberId());
        Scheme scheme = schemes.findById(payer.schemeId()).orElseThrow();
        Member helper = otherParty(scheme, request.toMemberId(), request.toCardNumber(), request.listingId(), payer,
                "toMemberId", "toCardNumber");
        Terms terms = new Terms(scheme, payer, helper, request.minutes(), help.category(scheme, request.categoryCode(),
                "categoryCode"), request.date(), Text.strip(request.description()), request.listingId());
        return view(settle(terms, Actor.of(caller.principalId()), null));
    }

    /** Help between two members recorded by staff, on the payer's behalf, in the command's transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ExchangeView recordForMembers(Caller caller, String schemeCode, TimebankRequests.StaffExchange request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        Member payer = memberOf(scheme, request.fromMemberId(), "fromMemberId");
        Member helper = memberOf(scheme, request.toMemberId(), "toMemberId");
        staff.refuseOwnRecord(caller, helper.id(), "record an exchange that pays you");
        Terms terms = new Terms(scheme, payer, helper, request.minutes(), help.category(scheme, request.categoryCode(),
                "categoryCode"), request.date(), Text.strip(request.description()), request.listingId());
        return view(settle(terms, new Actor(caller.principalId(), payer.id()), null));
    }

    /**
     * Checks the rules, then posts the EXCHANGE entry and records the exchange, on the caller's
     * transaction. The helper's member row is locked first, so two exchanges or activities for
     * one helper on one day are counted one after the other; the ledger then locks both accounts
     * and holds the payer to their floor.
     */
    Exchange settle(Terms terms, Actor actor, String paymentRequestId) {
        check(terms);
        parties.lockMember(terms.helper().id());
        checkDay(terms);
        JournalEntry entry = post(terms, actor);
        Exchange exchange = new Exchange(entry.id(), terms.scheme().id(), terms.payer().id(), terms.helper().id(),
                (int) terms.minutes(), terms.category().id(), terms.date(), terms.description(), terms.listingId(),
                paymentRequestId, actor.principalId(), actor.onBehalfOf(), entry.postedAt());
        store.insert(exchange);
        return exchange;
    }

    /** The rules that need no lock, in {@link ExchangeRule}'s order: checked when a payment is asked for, and again when it is made. */
    void check(Terms terms) {
        Member payer = terms.payer();
        Member helper = terms.helper();
        if (payer.id().equals(helper.id())) {
            throw rule(ExchangeRule.NOT_WITH_YOURSELF, "An exchange is between two members; " + payer.displayName()
                    + " cannot pay themselves.");
        }
        for (Member member : List.of(payer, helper)) {
            if (member.erased()) {
                throw new RejectedException(Refusal.MEMBER_ERASED, "Member " + member.id() + " has left the scheme and their "
                        + "personal data was erased; they can no longer exchange hours.");
            }
            if (member.inactive()) {
                throw new RejectedException(Refusal.MEMBER_INACTIVE, member.displayName() + " has left the scheme; "
                        + "they cannot exchange hours unless a coordinator marks them as back.");
            }
        }
        if (terms.minutes() < 1 || terms.minutes() > HelpChecks.DAY_MINUTES) {
            throw rule(ExchangeRule.MINUTES_PER_EXCHANGE, "An exchange is 1 minute to 24 hours; this one is "
                    + Minutes.inWords(terms.minutes()) + ".");
        }
        checkDate(terms.scheme(), terms.date());
        checkListing(terms);
        help.notCleared(terms.category(), helper, terms.date()).ifPresent(why -> {
            throw rule(ExchangeRule.VETTING_REQUIRED, why);
        });
    }

    private void checkDate(Scheme scheme, LocalDate date) {
        LocalDate today = scheme.today(clock.instant());
        if (date.isAfter(today)) {
            throw rule(ExchangeRule.DATE_IN_FUTURE, "The help is dated " + date + ", after today (" + today + " in "
                    + scheme.timeZone() + "); record it once it has happened.");
        }
        LocalDate earliest = today.minusDays(scheme.backdateDays());
        if (date.isBefore(earliest)) {
            throw rule(ExchangeRule.BACKDATE_LIMIT, "The help is dated " + date + "; this scheme accepts help up to "
                    + scheme.backdateDays() + " days back, so from " + earliest + ".");
        }
    }

    private void checkListing(Terms terms) {
        if (terms.listingId() == null) {
            return;
        }
        ExchangeStore.ListingOwner listing = store.listingOwner(terms.listingId())
                .filter(l -> l.schemeId().equals(terms.scheme().id()))
                .orElseThrow(() -> RejectedException.invalidField("listingId", "is not a listing of this scheme"));
        if (!listing.memberId().equals(terms.payer().id()) && !listing.memberId().equals(terms.helper().id())) {
            throw rule(ExchangeRule.LISTING_PARTIES, "Listing " + terms.listingId() + " is another member's; an exchange "
                    + "settles a listing of one of its two members.");
        }
    }

    /** The helper's day: activities logged and exchanges paid on the date, with these minutes, at most 24 hours. */
    void checkDay(Terms terms) {
        Member helper = terms.helper();
        long logged = help.activityMinutesOn(helper, terms.date());
        long paid = exchanged.minutesOn(List.of(helper.id()), terms.date()).getOrDefault(helper.id(), 0L);
        if (logged + paid + terms.minutes() > HelpChecks.DAY_MINUTES) {
            throw rule(ExchangeRule.DAILY_LIMIT, helper.displayName() + " already has " + Minutes.inWords(logged + paid)
                    + " of help recorded on " + terms.date() + "; with " + Minutes.inWords(terms.minutes())
                    + " more the day would exceed 24 hours.");
        }
    }

    private JournalEntry post(Terms terms, Actor actor) {
        Member payer = terms.payer();
        try {
            return ledger.move(terms.scheme().id(), EntryType.EXCHANGE, payer.accountId(), terms.helper().accountId(),
                    terms.minutes(), "Exchange: " + terms.category().name(), actor);
        } catch (RejectedException e) {
            if (e.rejection() != Rejection.INSUFFICIENT_CREDITS) {
                throw e;
            }
            Account account = ledger.findAccount(payer.accountId()).orElseThrow();
            long floor = account.floorMinutes() == null ? 0 : account.floorMinutes();
            long room = Math.max(0, account.availableMinutes() - floor);
            String limit = floor < 0 ? " (they may owe up to " + Minutes.inWords(-floor) + ")" : "";
            throw new RejectedException(Rejection.INSUFFICIENT_CREDITS, (room == 0
                    ? payer.displayName() + " has no credits left to pay with" + limit
                    : payer.displayName() + " can pay at most " + Minutes.inWords(room) + limit)
                    + "; this exchange is " + Minutes.inWords(terms.minutes()) + ".");
        }
    }

    // ---- the members of an exchange ----

    /**
     * The other member of an exchange the caller asks for: by member id or card number, or, when
     * neither is given, the owner of the listing it settles.
     */
    Member otherParty(Scheme scheme, String memberId, String cardNumber, String listingId, Member caller,
                      String idField, String cardField) {
        if (memberId != null && cardNumber != null) {
            throw RejectedException.invalidField(cardField, "give either " + cardField + " or " + idField + ", not both");
        }
        if (cardNumber != null) {
            return memberByCard(scheme, cardNumber, cardField);
        }
        if (memberId != null) {
            return memberOf(scheme, memberId, idField);
        }
        if (listingId == null) {
            throw RejectedException.invalidField(cardField, "give " + cardField + " or " + idField
                    + " (or listingId, for the listing's owner)");
        }
        String owner = store.listingOwner(listingId).filter(l -> l.schemeId().equals(scheme.id()))
                .map(ExchangeStore.ListingOwner::memberId)
                .orElseThrow(() -> RejectedException.invalidField("listingId", "is not a listing of this scheme"));
        return parties.findMember(owner).orElseThrow();
    }

    Member memberOf(Scheme scheme, String memberId, String field) {
        return parties.findMember(memberId).filter(m -> m.schemeId().equals(scheme.id()))
                .orElseThrow(() -> new RejectedException(Refusal.MEMBER_NOT_FOUND, "No member " + memberId
                        + " in this scheme (" + field + ")."));
    }

    private Member memberByCard(Scheme scheme, String cardNumber, String field) {
        String card = CardNumbers.typed(cardNumber);
        if (!CardNumbers.isValid(card)) {
            throw RejectedException.invalidField(field, CardNumbers.NOT_A_CARD + ". Check for a typing mistake");
        }
        Optional<Member> member = parties.findMemberByCard(scheme.id(), card);
        if (member.isPresent()) {
            return member.get();
        }
        if (parties.cardRetired(card)) {
            throw new RejectedException(Refusal.CARD_BLOCKED, "Card " + card + " was blocked and replaced; ask the member "
                    + "for their new card.");
        }
        throw new RejectedException(Refusal.MEMBER_NOT_FOUND, "No member of this scheme has card number " + card + ".");
    }

    static RejectedException rule(ExchangeRule rule, String message) {
        return RejectedException.ruleViolated(rule.code(), message);
    }

    /**
     * Forgets what an erased member's exchanges and payment requests say in words, and cancels the
     * requests still waiting on or for them, on the erasure's transaction. Hours, dates and kinds
     * of help stay, for the books and the reports.
     */
    public void forgetMember(String memberId) {
        store.forget(memberId, ERASED_TEXT);
        requests.forgetMember(memberId, ERASED_TEXT);
    }

    static final String ERASED_TEXT = "(erased)";

    // ---- reading ----

    /** Query parameters of a list of exchanges, as sent. */
    public record ListQuery(String memberId, String categoryCode, String from, String to, Integer limit, String cursor) {
    }

    public Page<ExchangeView> list(Caller caller, String schemeCode, ListQuery query) {
        return transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            if (query.memberId() != null) {
                access.member(caller, query.memberId());
            }
            String categoryId = query.categoryCode() == null ? null
                    : help.category(scheme, query.categoryCode(), "categoryCode").id();
            return page(scheme, new ExchangeStore.Filter(scheme.id(), query.memberId(), categoryId,
                    Times.date("from", query.from()), Times.date("to", query.to())), query);
        });
    }

    /** The calling member's exchanges, as payer or helper, newest first. */
    public Page<ExchangeView> mine(Caller caller, ListQuery query) {
        return transactions.read(() -> {
            Member member = access.member(caller, caller.memberId());
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            return page(scheme, new ExchangeStore.Filter(scheme.id(), member.id(), null, null, null), query);
        });
    }

    private Page<ExchangeView> page(Scheme scheme, ExchangeStore.Filter filter, ListQuery query) {
        int size = Cursors.limit(query.limit());
        String before = Cursors.decode(query.cursor(), null);
        List<Exchange> rows = store.page(filter, before, size + 1);
        Views views = new Views(scheme, rows);
        return Page.fetch(size, n -> rows, Exchange::entryId, views::of);
    }

    ExchangeView view(Exchange exchange) {
        Scheme scheme = schemes.findById(exchange.schemeId()).orElseThrow();
        return new Views(scheme, List.of(exchange)).of(exchange);
    }

    /** Turns a page of exchanges into views with one lookup each of members, categories and reversals. */
    private final class Views {
        private final Scheme scheme;
        private final Map<String, Member> members;
        private final Map<String, Category> categories = new HashMap<>();
        private final Set<String> reversed;
        private final Map<String, String> staffNames = new HashMap<>();

        Views(Scheme scheme, List<Exchange> rows) {
            this.scheme = scheme;
            this.members = parties.findMembers(scheme.id(), rows.stream()
                    .flatMap(e -> Stream.of(e.payerMemberId(), e.helperMemberId())).collect(Collectors.toSet()));
            this.reversed = ledger.reversedAmong(rows.stream().map(Exchange::entryId).collect(Collectors.toSet()));
        }

        ExchangeView of(Exchange e) {
            Category category = categories.computeIfAbsent(e.categoryId(), id -> help.categoryById(id).orElseThrow());
            return new ExchangeView(e.entryId(), scheme.code(), e.payerMemberId(), name(e.payerMemberId()),
                    e.helperMemberId(), name(e.helperMemberId()), e.minutes(), category.code(), category.name(), e.date(),
                    e.description(), e.listingId(), e.paymentRequestId(), e.recordedBy(),
                    e.onBehalfOf() == null ? null : staffNames.computeIfAbsent(e.recordedBy(),
                            id -> staff.username(id).orElse(null)), e.onBehalfOf(),
                    e.recordedAt(), reversed.contains(e.entryId()));
        }

        private String name(String memberId) {
            Member member = members.get(memberId);
            return member == null ? memberId : member.displayName();
        }
    }
}

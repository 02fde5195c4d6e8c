package org.timeledger.timebank;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.query.Times;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;
import org.timeledger.timebank.ListingRequests.ChangeListing;
import org.timeledger.timebank.ListingRequests.CreateListing;
import org.timeledger.timebank.ListingViews.ListingView;
import org.timeledger.timebank.ListingViews.MatchView;
import org.timeledger.timebank.ListingViews.ResponseView;
import org.timeledger.volunteering.Category;
import org.timeledger.volunteering.HelpChecks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Offers and requests: members say what they can help with or need (for themselves, or staff
 * for them), others respond, and coordinators broker matches. Open listings are for every member
 * of the scheme to browse, showing the owner's first name and the listing's ward only; member
 * ids, full names and responses are for the owner and staff. A listing is open until its owner
 * or staff close it, or until its {@code expiresOn} has passed in the scheme's time zone.
 */
@Singleton
public class Listings {
    static final int DEFAULT_DAYS = 90;
    static final int MAX_SEARCH = 100;

    private final ListingStore store;
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final HelpChecks help;
    private final Transactions transactions;
    private final Clock clock;

    public Listings(ListingStore store, Access access, PartyService parties, SchemeService schemes, HelpChecks help,
                    Transactions transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.help = help;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A match as answered: {@code created} false when the member had been matched before. */
    public record Matched(MatchView match, boolean created) {
    }

    /** Query parameters of the open list, as sent. */
    public record OpenQuery(String kind, String categoryCode, String ward, String q, Integer limit, String cursor) {
    }

    // ---- writing ----

    public ListingView create(Caller caller, String schemeCode, CreateListing request) {
        Times.checked("expiresOn", request.expiresOn());
        return transactions.write(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            Member owner = owner(caller, scheme, request.memberId());
            Category category = help.category(scheme, Text.strip(request.categoryCode()), "categoryCode");
            LocalDate today = scheme.today(clock.instant());
            String id = Ids.newId("lst");
            store.insert(new ListingStore.NewListing(id, scheme.id(), owner.id(), request.kind(), category.id(),
                    Text.strip(request.title()), Text.strip(request.description()), blankToNull(request.ward()),
                    expiry(request.expiresOn(), today), caller.principalId(), Clocks.now(clock)));
            return view(caller, store.find(id).orElseThrow(), scheme, today);
        });
    }

    /** Its owner or staff change what it says or how long it runs; a closed listing stays as it was. */
    public ListingView change(Caller caller, String id, ChangeListing request) {
        Times.checked("expiresOn", request.expiresOn());
        String title = nonBlank("title", request.title());
        String description = nonBlank("description", request.description());
        return transactions.write(() -> {
            Listing listing = changeable(caller, store.lock(id), id);
            Scheme scheme = schemes.findById(listing.schemeId()).orElseThrow();
            LocalDate today = scheme.today(clock.instant());
            if (listing.stored() == ListingStatus.CLOSED) {
                throw closed(listing);
            }
            String categoryId = request.categoryCode() == null ? listing.categoryId()
                    : help.category(scheme, Text.strip(request.categoryCode()), "categoryCode").id();
            store.update(listing.id(), categoryId, title != null ? title : listing.title(),
                    description != null ? description : listing.description(),
                    request.ward() != null ? blankToNull(request.ward()) : listing.ward(),
                    request.expiresOn() != null ? expiry(request.expiresOn(), today) : listing.expiresOn());
            return view(caller, store.find(id).orElseThrow(), scheme, today);
        });
    }

    /** Closing a closed listing answers it as it is. */
    public ListingView close(Caller caller, String id) {
        return transactions.write(() -> {
            Listing listing = changeable(caller, store.lock(id), id);
            if (listing.stored() != ListingStatus.CLOSED) {
                store.close(listing.id(), Clocks.now(clock));
            }
            Scheme scheme = schemes.findById(listing.schemeId()).orElseThrow();
            return view(caller, store.find(id).orElseThrow(), scheme, scheme.today(clock.instant()));
        });
    }

    /** A member answers another member's open listing. */
    public ResponseView respond(Caller caller, String id, ListingRequests.Respond request) {
        return transactions.write(() -> {
            Listing listing = visible(caller, store.find(id), id);
            Scheme scheme = schemes.findById(listing.schemeId()).orElseThrow();
            checkOpen(listing, scheme.today(clock.instant()));
            Member responder = access.member(caller, caller.memberId());
            if (responder.id().equals(listing.memberId())) {
                throw RejectedException.ruleViolated(ListingRule.OWN_LISTING.code(),
                        "This is your own listing; responses come from other members.");
            }
            String responseId = Ids.newId("lsr");
            store.insertResponse(responseId, listing.id(), responder.id(), Text.strip(request.message()), Clocks.now(clock));
            return responseView(caller, listing, store.response(responseId).orElseThrow());
        });
    }

    /**
     * A coordinator brokers a member to a listing: for a request, the member who will help; for an
     * offer, the member who will be helped. The one helping must be cleared today when the kind of
     * help needs vetting. Matching the same member again answers the match made before.
     */
    public Matched match(Caller caller, String id, ListingRequests.Match request) {
        String memberId = Text.strip(request.memberId());
        return transactions.write(() -> {
            Listing listing = visible(caller, store.lock(id), id);
            Optional<ListingMatch> earlier = store.match(listing.id(), memberId);
            if (earlier.isPresent()) {
                return new Matched(MatchView.of(earlier.get()), false);
            }
            Scheme scheme = schemes.findById(listing.schemeId()).orElseThrow();
            LocalDate today = scheme.today(clock.instant());
            checkOpen(listing, today);
            Member member = activeMember(scheme, memberId);
            if (member.id().equals(listing.memberId())) {
                throw RejectedException.ruleViolated(ListingRule.OWN_LISTING.code(), member.displayName()
                        + " posted this listing; match it with another member.");
            }
            Member helper = listing.kind() == ListingKind.REQUEST ? member
                    : parties.findMember(listing.memberId()).orElseThrow();
            Category category = help.categoryById(listing.categoryId()).orElseThrow();
            Optional<String> notCleared = help.notCleared(category, helper, today);
            if (notCleared.isPresent()) {
                throw RejectedException.ruleViolated(ListingRule.VETTING_REQUIRED.code(), notCleared.get());
            }
            String matchId = Ids.newId("lsm");
            store.insertMatch(matchId, listing.id(), member.id(), caller.principalId(), Clocks.now(clock));
            return new Matched(MatchView.of(store.match(listing.id(), member.id()).orElseThrow()), true);
        });
    }

    /**
     * Forgets what an erased member wrote here: their listings close, and the texts of their
     * listings and responses are blanked. On the erasure's transaction.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void forgetMember(String memberId) {
        store.forgetMember(memberId, Clocks.now(clock));
    }

    // ---- reading ----

    public ListingView get(Caller caller, String id) {
        return transactions.read(() -> {
            Listing listing = visible(caller, store.find(id), id);
            Scheme scheme = schemes.findById(listing.schemeId()).orElseThrow();
            return view(caller, listing, scheme, scheme.today(clock.instant()));
        });
    }

    /** The scheme's open listings, newest first. */
    public Page<ListingView> open(Caller caller, String schemeCode, OpenQuery query) {
        ListingKind kind = kind(query.kind());
        String ward = bounded("ward", query.ward(), ListingRequests.MAX_WARD);
        String text = bounded("q", query.q(), MAX_SEARCH);
        int size = Cursors.limit(query.limit());
        String before = Cursors.decode(query.cursor(), null);
        return transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            String categoryId = query.categoryCode() == null ? null
                    : help.category(scheme, Text.strip(query.categoryCode()), "categoryCode").id();
            LocalDate today = scheme.today(clock.instant());
            ListingStore.Filter filter = new ListingStore.Filter(scheme.id(), today, kind, categoryId, ward, text);
            return Page.fetch(size, rows -> store.open(filter, before, rows), Listing::id,
                    l -> view(caller, l, scheme, today));
        });
    }

    /** The calling member's own listings, whatever their status, newest first. */
    public Page<ListingView> mine(Caller caller, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String before = Cursors.decode(cursor, null);
        return transactions.read(() -> {
            Member member = access.member(caller, caller.memberId());
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            LocalDate today = scheme.today(clock.instant());
            return Page.fetch(size, rows -> store.ofMember(member.id(), before, rows), Listing::id,
                    l -> view(caller, l, scheme, today));
        });
    }

    /** A listing's responses in the order they came: for its owner and the scheme's coordinators and administrators. */
    public Page<ResponseView> responses(Caller caller, String id, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String after = Cursors.decode(cursor, "");
        return transactions.read(() -> {
            Listing listing = changeable(caller, store.find(id), id);
            return Page.fetch(size, rows -> store.responses(listing.id(), after, rows), ListingResponse::id,
                    r -> responseView(caller, listing, r));
        });
    }

    // ---- who may see what ----

    /** Any listing of the caller's scheme. */
    private static Listing visible(Caller caller, Optional<Listing> found, String id) {
        return found.filter(l -> caller.inScheme(l.schemeId())).orElseThrow(() -> notFound(id));
    }

    /** A listing the caller may change and see the responses of: their own, or any of the scheme's for its staff. */
    private static Listing changeable(Caller caller, Optional<Listing> found, String id) {
        Listing listing = visible(caller, found, id);
        if (!caller.is(Role.ADMIN, Role.COORDINATOR) && !owns(caller, listing)) {
            throw notFound(id);
        }
        return listing;
    }

    private static boolean owns(Caller caller, Listing listing) {
        return caller.is(Role.MEMBER) && listing.memberId().equals(caller.memberId());
    }

    private static boolean staff(Caller caller) {
        return caller.is(Role.ADMIN, Role.COORDINATOR, Role.AUDITOR);
    }

    private ListingView view(Caller caller, Listing l, Scheme scheme, LocalDate today) {
        boolean mine = owns(caller, l);
        boolean full = staff(caller) || mine;
        return new ListingView(l.id(), scheme.code(), l.kind(), l.categoryCode(), l.categoryName(), l.requiresVetting(),
                l.title(), l.description(), l.ward(), l.expiresOn(), l.status(today),
                staff(caller) ? l.ownerName() : firstName(l.ownerName()), mine, full ? l.memberId() : null,
                l.createdAt(), full ? l.responseCount() : null);
    }

    private static ResponseView responseView(Caller caller, Listing listing, ListingResponse r) {
        boolean full = staff(caller) || owns(caller, listing) || r.memberId().equals(caller.memberId());
        return new ResponseView(r.id(), r.listingId(), full ? r.memberId() : null,
                staff(caller) ? r.memberName() : firstName(r.memberName()), r.message(), r.createdAt());
    }

    private static String firstName(String displayName) {
        String name = Text.strip(displayName);
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    // ---- checks ----

    /** Whose listing a new one is: the calling member's own, or the member staff name. */
    private Member owner(Caller caller, Scheme scheme, String memberId) {
        if (caller.is(Role.MEMBER)) {
            if (memberId != null) {
                throw RejectedException.invalidField("memberId", "a member posts listings for themselves; leave it out");
            }
            return access.member(caller, caller.memberId());
        }
        if (memberId == null || Text.isBlank(memberId)) {
            throw RejectedException.invalidField("memberId", "name the member the listing is for");
        }
        return activeMember(scheme, Text.strip(memberId));
    }

    private Member activeMember(Scheme scheme, String memberId) {
        Member member = parties.findMember(memberId).filter(m -> m.schemeId().equals(scheme.id()))
                .orElseThrow(() -> new RejectedException(Refusal.MEMBER_NOT_FOUND,
                        "No member " + memberId + " in this scheme."));
        if (member.erased()) {
            throw new RejectedException(Refusal.MEMBER_ERASED,
                    "This member's personal data was erased; they can no longer take part.");
        }
        return member;
    }

    private static void checkOpen(Listing listing, LocalDate today) {
        ListingStatus status = listing.status(today);
        if (status == ListingStatus.CLOSED) {
            throw closed(listing);
        }
        if (status == ListingStatus.EXPIRED) {
            throw new RejectedException(Refusal.LISTING_EXPIRED, "'" + listing.title() + "' ran until "
                    + listing.expiresOn() + " and has expired; its owner or a coordinator may renew it.");
        }
    }

    /** A listing's last day: 90 days from today unless given, not in the past, at most a year ahead. */
    private static LocalDate expiry(LocalDate requested, LocalDate today) {
        if (requested == null) {
            return today.plusDays(DEFAULT_DAYS);
        }
        if (requested.isBefore(today)) {
            throw RejectedException.invalidField("expiresOn", "is in the past; a listing runs until today at the "
                    + "earliest (" + today + ")");
        }
        LocalDate latest = today.plusYears(1);
        if (requested.isAfter(latest)) {
            throw RejectedException.invalidField("expiresOn", "is more than a year ahead; a listing runs until "
                    + latest + " at the latest");
        }
        return requested;
    }

    private static ListingKind kind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return ListingKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalidField("kind", "must be OFFER or REQUEST");
        }
    }

    /** A filter's text, stripped; null when blank. */
    private static String bounded(String field, String value, int max) {
        String text = blankToNull(value);
        if (text != null && text.length() > max) {
            throw RejectedException.invalidField(field, "must be at most " + max + " characters");
        }
        return text;
    }

    private static String nonBlank(String field, String value) {
        if (value != null && Text.isBlank(value)) {
            throw RejectedException.invalidField(field, "must not be blank");
        }
        return value == null ? null : Text.strip(value);
    }

    private static String blankToNull(String value) {
        return value == null || Text.isBlank(value) ? null : Text.strip(value);
    }

    private static RejectedException closed(Listing listing) {
        return new RejectedException(Refusal.LISTING_CLOSED, "'" + listing.title() + "' is closed.");
    }

    private static RejectedException notFound(String id) {
        return new RejectedException(Refusal.NOT_FOUND, "No listing " + id + ".");
    }
}

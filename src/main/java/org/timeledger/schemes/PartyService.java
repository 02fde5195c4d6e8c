package org.timeledger.schemes;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.events.Event;
import org.timeledger.events.EventType;
import org.timeledger.events.Events;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.Ledger;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Secrets;
import org.timeledger.support.Transactions;

import org.timeledger.problem.RejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Registers members, organisations and partners, each with an account of its own. */
@Singleton
public class PartyService {
    private final AuditTrail audit;
    private final MemberRepository members;
    private final MemberContactRepository contacts;
    private final MemberStore memberStore;
    private final PartyStore partyStore;
    private final OrganisationRepository organisations;
    private final PartnerRepository partners;
    private final Ledger ledger;
    private final Transactions transactions;
    private final Events events;
    private final Clock clock;

    public PartyService(AuditTrail audit, MemberRepository members, MemberContactRepository contacts, MemberStore memberStore, PartyStore partyStore,
                        OrganisationRepository organisations, PartnerRepository partners, Ledger ledger,
                        Transactions transactions, Events events, Clock clock) {
        this.audit = audit;
        this.memberStore = memberStore;
        this.contacts = contacts;
        this.partyStore = partyStore;
        this.clock = clock;
        this.events = events;
        this.members = members;
        this.organisations = organisations;
        this.partners = partners;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    /**
     * Registers a member with their account, on the caller's transaction; the feed tells of it by
     * ids alone. {@code registeredBy}: the staff user who registers them.
     */
    public Member insertMember(Scheme scheme, SchemeRequests.RegisterMember request, String registeredBy) {
        String memberId = Ids.newId("mem");
        String accountId = ledger.openAccount(scheme.id(), AccountKind.MEMBER, memberId, scheme.memberFloorMinutes()).id();
        Member member = members.save(new Member(memberId, scheme.id(), Text.strip(request.displayName()),
                blankToNull(request.ward()), unusedCardNumber(), accountId, now(), null, registeredBy, null, null));
        events.record(Event.of(scheme.id(), EventType.MEMBER_REGISTERED, member.createdAt()).withMember(memberId)
                .withEntry(null, null, List.of(accountId)));
        return member;
    }

    public Organisation registerOrganisation(Caller caller, Scheme scheme, SchemeRequests.RegisterParty request) {
        return transactions.write(() -> {
            String id = Ids.newId("org");
            String accountId = ledger.openAccount(scheme.id(), AccountKind.ORGANISATION, id, 0L).id();
            Organisation organisation = organisations.save(new Organisation(id, scheme.id(), Text.strip(request.name()),
                    blankToNull(request.ward()), accountId, now()));
            audit.record(caller, scheme.id(), Action.ORGANISATION_CREATED, Subject.organisation(id),
                    Changes.of().field("name", null, organisation.name()).field("ward", null, organisation.ward()));
            return organisation;
        });
    }

    public Partner registerPartner(Caller caller, Scheme scheme, SchemeRequests.RegisterParty request) {
        return transactions.write(() -> {
            String id = Ids.newId("prt");
            String accountId = ledger.openAccount(scheme.id(), AccountKind.PARTNER, id, 0L).id();
            Partner partner = partners.save(new Partner(id, scheme.id(), Text.strip(request.name()), blankToNull(request.ward()),
                    accountId, now()));
            audit.record(caller, scheme.id(), Action.PARTNER_CREATED, Subject.partner(id),
                    Changes.of().field("name", null, partner.name()).field("ward", null, partner.ward()));
            return partner;
        });
    }

    /**
     * The names of the scheme's members, organisations and partners by id, which is their
     * account's owner id; on the caller's transaction.
     */
    public Map<String, String> namesByOwnerId(String schemeId) {
        return partyStore.namesById(schemeId);
    }

    public Optional<Member> findMember(String id) {
        return members.findById(id);
    }

    public Optional<Organisation> findOrganisation(String id) {
        return organisations.findById(id);
    }

    public Optional<Partner> findPartner(String id) {
        return partners.findById(id);
    }

    public Optional<Member> findMemberByCard(String schemeId, String cardNumber) {
        return members.findByCardNumber(cardNumber).filter(m -> m.schemeId().equals(schemeId));
    }

    /** The scheme's members among these ids; ids of no member (or of another scheme's) are absent. */
    public Map<String, Member> findMembers(String schemeId, Collection<String> ids) {
        Map<String, Member> found = new HashMap<>();
        if (!ids.isEmpty()) {
            members.findByIdIn(ids).stream().filter(m -> m.schemeId().equals(schemeId)).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    /** The scheme's members with these card numbers, by card number. */
    public Map<String, Member> findMembersByCard(String schemeId, Collection<String> cardNumbers) {
        Map<String, Member> found = new HashMap<>();
        if (!cardNumbers.isEmpty()) {
            members.findByCardNumberIn(cardNumbers).stream().filter(m -> m.schemeId().equals(schemeId))
                    .forEach(m -> found.put(m.cardNumber(), m));
        }
        return found;
    }

    /** Organisations of a scheme in id order, {@code limit} after the one with id {@code afterId}. */
    public List<Organisation> organisations(Scheme scheme, String afterId, int limit) {
        return organisations.page(scheme.id(), afterId, limit);
    }

    /** Partners of a scheme in id order, {@code limit} after the one with id {@code afterId}. */
    public List<Partner> partners(Scheme scheme, String afterId, int limit) {
        return partners.page(scheme.id(), afterId, limit);
    }

    /** Members of a scheme in registration order, {@code limit} after the one with id {@code afterId}. */
    public List<Member> members(Scheme scheme, String afterId, int limit) {
        return members.page(scheme.id(), afterId, limit);
    }

    /**
     * Blocks a member's card and gives them a new number, on the caller's transaction. The old
     * number is kept as retired: no till finds it again and it is never issued again.
     */
    public Member replaceCard(Member requested) {
        Member member = members.lock(requested.id()).orElseThrow(); // two replacements at once: one after the other
        if (member.erased()) {
            throw erased(member);
        }
        String number = unusedCardNumber();
        members.retireCard(member.cardNumber(), member.id(), now());
        members.updateCardNumber(member.id(), number);
        return member.withCard(number);
    }

    /** Whether this number was a member's card until it was blocked and replaced (or its member erased). */
    public boolean cardRetired(String cardNumber) {
        return members.countRetired(cardNumber) > 0;
    }

    /**
     * What an erased member's record is refused: anything that would let someone be them again
     * (a card, a login, details, leaving or coming back). A conflict with the record's state,
     * not a fault in the request: 409 {@code member_erased}.
     */
    public static RejectedException erased(Member member) {
        return new RejectedException(Refusal.MEMBER_ERASED, "This member's personal data was erased: the record "
                + "cannot be given a card, a login or details again. If the person comes back, register them anew.");
    }

    private String unusedCardNumber() {
        // 10^15 numbers: a collision is rare enough that looking first is cheaper than a failed insert
        String number;
        do {
            number = CardNumbers.newNumber();
        } while (members.existsByCardNumber(number) || members.countRetired(number) > 0);
        return number;
    }

    private Instant now() {
        return Clocks.now(clock);
    }

    private static String blankToNull(String s) {
        return s == null || Text.isBlank(s) ? null : Text.strip(s);
    }

    /** Locks the member's row and reads it as it stands under the lock; taken before any account lock. */
    public Optional<Member> lockMember(String id) {
        return members.lock(id);
    }

    /**
     * Forgets a member's personal data, on the caller's transaction (which holds their row's
     * lock): their name becomes a pseudonym and their card number one no till accepts; the card
     * they had is retired, so it is never issued again. Erasing twice changes nothing more.
     * Their account and ward stay, for the books and the reports.
     */
    public Member forgetMember(Member member) {
        String pseudonym = "Erased member " + Secrets.sha256Hex(member.id()).substring(0, 8).toUpperCase(Locale.ROOT);
        // a card number no till accepts (not 16 digits), unique because the member's id is
        String blockedCard = "X" + member.id().substring(member.id().length() - 15);
        Instant now = now();
        memberStore.erase(member.id(), pseudonym, blockedCard, now);
        contacts.deleteById(member.id());
        if (!member.cardNumber().equals(blockedCard)) {
            members.retireCard(member.cardNumber(), member.id(), now);
        }
        return new Member(member.id(), member.schemeId(), pseudonym, member.ward(), blockedCard, member.accountId(),
                member.createdAt(), member.erased() ? member.erasedAt() : now, member.registeredBy(),
                member.deactivatedAt(), null);
    }

    /** How to reach the member (every field null if nobody recorded any); personal data, for staff only. */
    public MemberContact contactOf(String memberId) {
        return contacts.findById(memberId).orElse(MemberContact.none(memberId));
    }

    /**
     * Stores a member's name, ward and contact details as given (already checked), on the
     * caller's transaction, which holds the member's row lock.
     */
    public Member changeDetails(Member locked, String displayName, String ward, MemberContact contact) {
        if (locked.erased()) {
            throw erased(locked);
        }
        Member changed = locked.withDetails(displayName, ward);
        memberStore.rename(locked.id(), displayName, ward);
        if (contacts.existsById(locked.id())) {
            contacts.update(contact);
        } else {
            contacts.save(contact);
        }
        return changed;
    }

    /** Marks the member as having left (or, with a null moment, as back), on the caller's transaction. */
    public Member changeDeactivation(Member locked, Instant deactivatedAt, String reason) {
        memberStore.deactivate(locked.id(), deactivatedAt, reason);
        return locked.withDeactivation(deactivatedAt, reason);
    }

    /**
     * The scheme's members in registration order after {@code afterId}: those whose name contains
     * {@code text} (in any case), or whose card number or phone contains {@code digits} (when
     * given); and of that status, when given.
     */
    public List<Member> search(Scheme scheme, String text, String digits, MemberStatus status, String afterId, int limit) {
        return transactions.read(() -> memberStore.search(scheme.id(), text, digits, status, afterId, limit));
    }

    /** The members of a scheme registered in [start, end), counted by ward. */
    public List<WardCount> registeredByWard(String schemeId, Instant start, Instant end) {
        return memberStore.registeredByWard(schemeId, start, end);
    }

    /** The scheme's members who may be contacted, with their contact details (personal data: administrators only). */
    public List<ContactRow> contactList(String schemeId) {
        return transactions.read(() -> memberStore.contactList(schemeId));
    }

    /** The members of a scheme marked as left before {@code end} who are not back; erased ones not counted. */
    public long leftBefore(String schemeId, Instant end) {
        return memberStore.leftBefore(schemeId, end);
    }

    /** Every organisation of a scheme, by name. */
    public List<Organisation> organisationsByName(String schemeId) {
        return organisations.byName(schemeId);
    }

    /** Every partner of a scheme, by name. */
    public List<Partner> partnersByName(String schemeId) {
        return partners.byName(schemeId);
    }
}

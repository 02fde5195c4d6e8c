package org.timeledger.privacy;

import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.access.Activations;
import org.timeledger.giving.Beneficiaries;
import org.timeledger.timebank.Exchanges;
import org.timeledger.identity.Caller;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.timebank.Listings;

/**
 * Erasing a member's personal data (the right to erasure): their name becomes a pseudonym,
 * their login and card stop working, and who they named or were named by as beneficiary is
 * forgotten; their account and every entry stay, so the books still reconcile and the reports
 * still add up. What they held is donated to the community pot first, unless asked otherwise.
 * Their unused activation codes stop working, and they get no new code, login or card.
 * Free text that staff wrote about them (activity descriptions, memos) is not rewritten.
 * Each feature forgets its own part: schemes the name and card, access the logins and
 * activation codes, giving the beneficiaries, the timebank the member's listings and responses
 * and what their exchanges and payment requests say in words (and the requests still waiting).
 */
@Singleton
public class Erasure {
    private final AuditTrail audit;
    private final Access access;
    private final Ledger ledger;
    private final SchemeService schemes;
    private final PartyService parties;
    private final Activations activations;
    private final Beneficiaries beneficiaries;
    private final Exchanges exchanges;
    private final Listings listings;

    public Erasure(AuditTrail audit, Access access, Ledger ledger, SchemeService schemes, PartyService parties, Activations activations,
                   Beneficiaries beneficiaries, Exchanges exchanges, Listings listings) {
        this.audit = audit;
        this.exchanges = exchanges;
        this.listings = listings;
        this.access = access;
        this.ledger = ledger;
        this.schemes = schemes;
        this.parties = parties;
        this.activations = activations;
        this.beneficiaries = beneficiaries;
    }

    @Serdeable
    public record Erased(String memberId, String displayName, long donatedMinutes,
                         @io.micronaut.core.annotation.Nullable String donationEntryId) {
    }

    /** In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Erased erase(Caller caller, String memberId, boolean keepBalance) {
        Member member = parties.lockMember(access.member(caller, memberId).id()).orElseThrow(); // as it stands under the lock
        Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
        Account account = ledger.findAccount(member.accountId()).orElseThrow();
        long donated = keepBalance ? 0 : Math.max(0, account.availableMinutes());
        JournalEntry donation = donated == 0 ? null : ledger.move(scheme.id(), EntryType.DONATION, account.id(),
                scheme.communityPotAccountId(), donated, "Balance donated to the community pot on erasure of personal data",
                new Actor(caller.principalId(), member.id()));
        Member erased = parties.forgetMember(member);
        activations.forgetMember(member.id());
        beneficiaries.forgetMember(member.id());
        exchanges.forgetMember(member.id());
        listings.forgetMember(member.id());
        if (!member.erased()) {
            audit.record(caller, scheme.id(), Action.MEMBER_ERASED, Subject.member(member.id()), Changes.of()
                    .personal("displayName", member.displayName(), erased.displayName())
                    .personal("cardNumber", member.cardNumber(), erased.cardNumber())
                    .field("status", member.inactive() ? "INACTIVE" : "ACTIVE", "ERASED")
                    .field("donatedMinutes", null, donated));
        }
        return new Erased(member.id(), erased.displayName(), donated, donation == null ? null : donation.id());
    }
}

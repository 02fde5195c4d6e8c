package org.timeledger.access;

import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.Posting;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;

/**
 * Who may see what, in one place (docs/api-guide.md, "Who can do what"). Routes already admit only the roles that
 * may use them ({@code @Secured}); these checks decide about the object itself. Something the
 * caller may not see answers exactly as something that does not exist: 404, so that ids
 * cannot be probed.
 *
 * <ul>
 *   <li>nobody crosses schemes (but the administrator of every scheme);</li>
 *   <li>administrators and auditors see everything in their scheme;</li>
 *   <li>a coordinator sees the scheme's members and their accounts, their own organisations
 *       and the community pot;</li>
 *   <li>a member sees their own member record and account, and entries touching it;</li>
 *   <li>a till sees its own partner and account, and entries touching it.</li>
 * </ul>
 */
@Singleton
public class Access {
    private final SchemeService schemes;
    private final PartyService parties;
    private final Ledger ledger;

    public Access(SchemeService schemes, PartyService parties, Ledger ledger) {
        this.schemes = schemes;
        this.parties = parties;
        this.ledger = ledger;
    }

    /** The scheme with this code, if the caller belongs to it. */
    public Scheme scheme(Caller caller, String code) {
        Scheme scheme = schemes.find(code).orElse(null);
        if (scheme == null || !caller.inScheme(scheme.id())) {
            throw notFound("scheme with code '" + code + "'");
        }
        return scheme;
    }

    /** Only the administrator of every scheme may, say, create schemes. */
    public void requireAllSchemes(Caller caller) {
        if (!caller.allSchemes()) {
            throw new RejectedException(Refusal.FORBIDDEN,
                    "Only an administrator of every scheme may do this; a scheme's administrator administers their own.");
        }
    }

    public Member member(Caller caller, String id) {
        Member member = parties.findMember(id).orElse(null);
        boolean visible = member != null && caller.inScheme(member.schemeId())
                && (caller.is(Role.ADMIN, Role.AUDITOR, Role.COORDINATOR)
                || caller.is(Role.MEMBER) && id.equals(caller.memberId()));
        if (!visible) {
            throw notFound("member " + id);
        }
        return member;
    }

    public Organisation organisation(Caller caller, String id) {
        Organisation organisation = parties.findOrganisation(id).orElse(null);
        boolean visible = organisation != null && caller.inScheme(organisation.schemeId())
                && (caller.is(Role.ADMIN, Role.AUDITOR)
                || caller.is(Role.COORDINATOR) && caller.organisationIds().contains(id));
        if (!visible) {
            throw notFound("organisation " + id);
        }
        return organisation;
    }

    public Partner partner(Caller caller, String id) {
        Partner partner = parties.findPartner(id).orElse(null);
        boolean visible = partner != null && caller.inScheme(partner.schemeId())
                && (caller.is(Role.ADMIN, Role.AUDITOR) || caller.is(Role.PARTNER) && id.equals(caller.partnerId()));
        if (!visible) {
            throw notFound("partner " + id);
        }
        return partner;
    }

    public Account account(Caller caller, String id) {
        Account account = ledger.findAccount(id).orElse(null);
        if (account == null || !maySee(caller, account)) {
            throw notFound("account " + id);
        }
        return account;
    }

    public JournalEntry entry(Caller caller, String id) {
        JournalEntry entry = ledger.findEntry(id).orElse(null);
        if (entry == null || !maySee(caller, entry)) {
            throw notFound("entry " + id);
        }
        return entry;
    }

    public boolean maySee(Caller caller, Account account) {
        if (!caller.inScheme(account.schemeId())) {
            return false;
        }
        return switch (caller.role()) {
            case ADMIN, AUDITOR -> true;
            case COORDINATOR -> account.kind() == AccountKind.MEMBER || account.kind() == AccountKind.COMMUNITY_POT
                    || account.kind() == AccountKind.ORGANISATION && caller.organisationIds().contains(account.ownerId());
            case MEMBER -> account.kind() == AccountKind.MEMBER && account.ownerId().equals(caller.memberId());
            case PARTNER -> account.kind() == AccountKind.PARTNER && account.ownerId().equals(caller.partnerId());
        };
    }

    /** An entry is visible to whoever may see any account it touches. */
    private boolean maySee(Caller caller, JournalEntry entry) {
        if (!caller.inScheme(entry.schemeId())) {
            return false;
        }
        if (caller.is(Role.ADMIN, Role.AUDITOR)) {
            return true;
        }
        for (Posting posting : entry.postings()) {
            Account account = ledger.findAccount(posting.accountId()).orElse(null);
            if (account != null && maySee(caller, account)) {
                return true;
            }
        }
        return false;
    }

    private static RejectedException notFound(String what) {
        return new RejectedException(Refusal.NOT_FOUND, "No " + what + ".");
    }
}

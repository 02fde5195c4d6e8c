package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.ledger.AccountKind;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.RejectedException;
import org.timeledger.ledger.Rejection;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Registers members, organisations and partners, each with an account of its own. */
@Singleton
public class PartyService {
    private final SchemeService schemes;
    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final PartnerRepository partners;
    private final Ledger ledger;
    private final Transactions transactions;
    private final Clock clock = Clock.systemUTC();

    public PartyService(SchemeService schemes, MemberRepository members, OrganisationRepository organisations,
                        PartnerRepository partners, Ledger ledger, Transactions transactions) {
        this.schemes = schemes;
        this.members = members;
        this.organisations = organisations;
        this.partners = partners;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    public Member registerMember(String schemeCode, SchemeRequests.RegisterMember request) {
        return transactions.write(() -> {
            Scheme scheme = schemes.get(schemeCode);
            String memberId = Ids.newId("mem");
            String accountId = ledger.openAccount(scheme.id(), AccountKind.MEMBER, memberId, scheme.memberFloorMinutes()).id();
            return members.save(new Member(memberId, scheme.id(), request.displayName().strip(), blankToNull(request.ward()),
                    unusedCardNumber(), accountId, now()));
        });
    }

    public Organisation registerOrganisation(String schemeCode, SchemeRequests.RegisterParty request) {
        return transactions.write(() -> {
            Scheme scheme = schemes.get(schemeCode);
            String id = Ids.newId("org");
            String accountId = ledger.openAccount(scheme.id(), AccountKind.ORGANISATION, id, 0L).id();
            return organisations.save(new Organisation(id, scheme.id(), request.name().strip(), blankToNull(request.ward()),
                    accountId, now()));
        });
    }

    public Partner registerPartner(String schemeCode, SchemeRequests.RegisterParty request) {
        return transactions.write(() -> {
            Scheme scheme = schemes.get(schemeCode);
            String id = Ids.newId("prt");
            String accountId = ledger.openAccount(scheme.id(), AccountKind.PARTNER, id, 0L).id();
            return partners.save(new Partner(id, scheme.id(), request.name().strip(), blankToNull(request.ward()),
                    accountId, now()));
        });
    }

    public Member member(String id) {
        return members.findById(id).orElseThrow(() -> notFound("member", id));
    }

    public Organisation organisation(String id) {
        return organisations.findById(id).orElseThrow(() -> notFound("organisation", id));
    }

    public Partner partner(String id) {
        return partners.findById(id).orElseThrow(() -> notFound("partner", id));
    }

    /** Members of a scheme in registration order, {@code limit} after the one with id {@code afterId}. */
    public List<Member> members(String schemeCode, String afterId, int limit) {
        Scheme scheme = schemes.get(schemeCode);
        return members.page(scheme.id(), afterId, limit);
    }

    private String unusedCardNumber() {
        // 10^15 numbers: a collision is rare enough that looking first is cheaper than a failed insert
        String number;
        do {
            number = CardNumbers.newNumber();
        } while (members.existsByCardNumber(number));
        return number;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RejectedException notFound(String what, String id) {
        return new RejectedException(Rejection.NOT_FOUND, "No " + what + " " + id + ".");
    }
}

package org.timeledger.reports;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.ledger.LedgerFigures;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.IssuanceTotals;
import org.timeledger.ledger.model.OwnerTypeSum;
import org.timeledger.problem.RejectedException;
import org.timeledger.reports.SummaryViews.CategoryRow;
import org.timeledger.reports.SummaryViews.Credits;
import org.timeledger.reports.SummaryViews.Identity;
import org.timeledger.reports.SummaryViews.OrganisationRow;
import org.timeledger.reports.SummaryViews.Outstanding;
import org.timeledger.reports.SummaryViews.PartnerRow;
import org.timeledger.reports.SummaryViews.Summary;
import org.timeledger.reports.SummaryViews.WardRow;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.WardCount;
import org.timeledger.support.Transactions;
import org.timeledger.timebank.ExchangeFigures;
import org.timeledger.timebank.ExchangeFigures.HelpGiven;
import org.timeledger.volunteering.ApprovedMinutes;
import org.timeledger.volunteering.VolunteeringFigures;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a scheme achieved in a period, for the council or charity that funds it: volunteering
 * (approved activities dated in the period, not corrected by a reversal), exchanges between
 * members (help dated in the period, likewise not reversed), credits moved (entries
 * posted in it), what is outstanding at its end, and the identity issued - retired =
 * outstanding, worked out from two different sets of postings so that it can fail. The period
 * is whole days in the scheme's time zone, both ends included (by default from the scheme's
 * first day, or its earliest back-dated activity or exchange, to today). One snapshot. The
 * figures come from the features that own them (the ledger's sums, volunteering's activities,
 * the timebank's exchanges, schemes' members and parties); the arithmetic on them is the static
 * methods at the end and {@link SummaryArithmetic}.
 */
@Singleton
public class SummaryReport {
    static final String NO_WARD = "(no ward)";
    /** What a partner's row shows, in the order of its columns: redeemed, refunded, settled. */
    private static final List<EntryType> PARTNER_TYPES = List.of(EntryType.REDEMPTION, EntryType.REFUND, EntryType.SETTLEMENT);

    private final LedgerFigures ledger;
    private final VolunteeringFigures volunteering;
    private final ExchangeFigures exchanges;
    private final PartyService parties;
    private final Access access;
    private final Transactions transactions;
    private final Clock clock;

    public SummaryReport(LedgerFigures ledger, VolunteeringFigures volunteering, ExchangeFigures exchanges,
                         PartyService parties, Access access, Transactions transactions, Clock clock) {
        this.ledger = ledger;
        this.volunteering = volunteering;
        this.exchanges = exchanges;
        this.parties = parties;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Summary summary(Caller caller, String schemeCode, LocalDate from, LocalDate to) {
        return transactions.readSnapshot(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            ZoneId zone = ZoneId.of(scheme.timeZone());
            LocalDate first = from == null ? start(scheme, zone) : from;
            LocalDate last = to == null ? scheme.today(clock.instant()) : to;
            if (last.isBefore(first)) {
                throw RejectedException.invalidField("to", "is before from");
            }
            Instant start = SummaryArithmetic.periodStart(first, zone);
            Instant end = SummaryArithmetic.periodEnd(last, zone);
            Summary all = compute(scheme, first, last, start, end);
            if (!caller.is(Role.COORDINATOR)) {
                return all;
            }
            // a coordinator sees the scheme's figures and their own organisations' rows, no partner's
            return all.forCoordinator(
                    all.byOrganisation().stream().filter(r -> caller.organisationIds().contains(r.id())).toList());
        });
    }

    /** The summary of a period (from null: the scheme's first day); on the caller's snapshot. */
    Summary compute(Scheme scheme, LocalDate from, LocalDate to) {
        ZoneId zone = ZoneId.of(scheme.timeZone());
        LocalDate first = from == null ? start(scheme, zone) : from;
        return compute(scheme, first, to, SummaryArithmetic.periodStart(first, zone), SummaryArithmetic.periodEnd(to, zone));
    }

    /** The scheme's first day: when it began, or its earliest activity or exchange, recorded back-dated. */
    private LocalDate start(Scheme scheme, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(scheme.createdAt(), zone);
        for (Optional<LocalDate> earliest : List.of(volunteering.earliestActivityDate(scheme.id()),
                exchanges.earliestExchangeDate(scheme.id()))) {
            if (earliest.isPresent() && earliest.get().isBefore(first)) {
                first = earliest.get();
            }
        }
        return first;
    }

    Summary compute(Scheme scheme, LocalDate first, LocalDate last, Instant start, Instant end) {
        Volunteering v = volunteering(scheme, first, last);
        Exchanged x = exchanges(scheme, first, last);
        Map<String, Long> newMembers = newMembersByWard(scheme, start, end);
        IssuanceTotals inPeriod = ledger.issuanceTotals(scheme.id(), start, end);
        Credits credits = SummaryArithmetic.credits(inPeriod.issuedMinutes(), inPeriod.retiredMinutes(),
                ledger.creditsByType(scheme.id(), start, end));
        Outstanding outstanding = SummaryArithmetic.outstanding(ledger.balancesByKind(scheme.id(), end));
        IssuanceTotals toDate = ledger.issuanceTotals(scheme.id(), Instant.EPOCH, end);
        Long stored = end.isAfter(clock.instant()) ? ledger.storedBalancesInCirculation(scheme.id()) : null;
        Identity identity = SummaryArithmetic.identity(toDate.issuedMinutes(), toDate.retiredMinutes(), outstanding, stored);
        List<WardRow> byWard = SummaryArithmetic.byWard(v.wards, x.wards, newMembers);
        return new Summary(scheme.code(), first, last, v.total.minutes, v.total.activities, v.total.members.size(),
                x.total.minutes, x.total.exchanges, x.total.payers.size(), x.total.helpers.size(),
                SummaryArithmetic.activeMembers(v.total.members, x.total.helpers),
                newMembers.values().stream().mapToLong(Long::longValue).sum(), parties.leftBefore(scheme.id(), end),
                credits, outstanding, identity,
                categories(scheme, v, x), organisations(scheme, v), partners(scheme, start, end), byWard);
    }

    /** Minutes, activities and distinct volunteers. */
    static final class Tally {
        long minutes;
        long activities;
        final Set<String> members = new HashSet<>();

        /** One activity. */
        void add(String member, long minutes) {
            add(member, minutes, 1);
        }

        /** Several activities of one member, their minutes summed. */
        void add(String member, long minutes, long activities) {
            this.minutes += minutes;
            this.activities += activities;
            members.add(member);
        }
    }

    /** Minutes, exchanges, and the distinct members on each side of them. */
    static final class ExchangeTally {
        long minutes;
        long exchanges;
        final Set<String> payers = new HashSet<>();
        final Set<String> helpers = new HashSet<>();

        /** Several exchanges between one payer and one helper, their minutes summed. */
        void add(String payer, String helper, long minutes, long exchanges) {
            this.minutes += minutes;
            this.exchanges += exchanges;
            payers.add(payer);
            helpers.add(helper);
        }
    }

    private static final class Exchanged {
        final ExchangeTally total = new ExchangeTally();
        final Map<String, ExchangeTally> categories = new HashMap<>();
        /** By the helper's ward. */
        final Map<String, ExchangeTally> wards = new TreeMap<>();
    }

    private Exchanged exchanges(Scheme scheme, LocalDate first, LocalDate last) {
        Exchanged x = new Exchanged();
        for (HelpGiven row : exchanges.helpGiven(scheme.id(), first, last)) {
            String ward = row.helperWard() == null ? NO_WARD : row.helperWard();
            for (ExchangeTally t : List.of(x.total, x.categories.computeIfAbsent(row.categoryId(), k -> new ExchangeTally()),
                    x.wards.computeIfAbsent(ward, k -> new ExchangeTally()))) {
                t.add(row.payerMemberId(), row.helperMemberId(), row.minutes(), row.exchanges());
            }
        }
        return x;
    }

    private static final class Volunteering {
        final Tally total = new Tally();
        final Map<String, Tally> categories = new HashMap<>();
        final Map<String, Tally> organisations = new HashMap<>();
        final Map<String, Tally> wards = new TreeMap<>();
    }

    private Volunteering volunteering(Scheme scheme, LocalDate first, LocalDate last) {
        Volunteering v = new Volunteering();
        for (ApprovedMinutes row : volunteering.approvedMinutes(scheme.id(), first, last)) {
            String ward = row.ward() == null ? NO_WARD : row.ward();
            v.total.add(row.memberId(), row.minutes(), row.activities());
            v.categories.computeIfAbsent(row.categoryId(), k -> new Tally()).add(row.memberId(), row.minutes(), row.activities());
            v.organisations.computeIfAbsent(row.organisationId(), k -> new Tally())
                    .add(row.memberId(), row.minutes(), row.activities());
            v.wards.computeIfAbsent(ward, k -> new Tally()).add(row.memberId(), row.minutes(), row.activities());
        }
        return v;
    }

    private List<CategoryRow> categories(Scheme scheme, Volunteering v, Exchanged x) {
        return volunteering.categories(scheme.id()).stream().map(c -> {
            Tally t = v.categories.getOrDefault(c.id(), new Tally());
            ExchangeTally e = x.categories.getOrDefault(c.id(), new ExchangeTally());
            return new CategoryRow(c.code(), c.name(), t.minutes, t.activities, t.members.size(), e.minutes, e.exchanges,
                    e.payers.size(), e.helpers.size());
        }).toList();
    }

    private List<OrganisationRow> organisations(Scheme scheme, Volunteering v) {
        return parties.organisationsByName(scheme.id()).stream().map(o -> {
            Tally t = v.organisations.getOrDefault(o.id(), new Tally());
            return new OrganisationRow(o.id(), o.name(), t.minutes, t.activities, t.members.size());
        }).toList();
    }

    private Map<String, Long> newMembersByWard(Scheme scheme, Instant start, Instant end) {
        Map<String, Long> counts = new TreeMap<>();
        for (WardCount count : parties.registeredByWard(scheme.id(), start, end)) {
            counts.merge(count.ward() == null ? NO_WARD : count.ward(), count.members(), Long::sum);
        }
        return counts;
    }

    private List<PartnerRow> partners(Scheme scheme, Instant start, Instant end) {
        Map<String, PartnerMinutes> sums = partnerMinutes(
                ledger.sumsByOwnerAndType(scheme.id(), AccountKind.PARTNER, PARTNER_TYPES, start, end));
        return parties.partnersByName(scheme.id()).stream().map(p -> {
            PartnerMinutes s = sums.getOrDefault(p.id(), PartnerMinutes.NONE);
            return new PartnerRow(p.id(), p.name(), s.redeemed(), s.refunded(), s.settled());
        }).toList();
    }

    // ---- the arithmetic on the figures: pure ----

    /** What moved through a partner's accounts in the period, each as a positive amount. */
    record PartnerMinutes(long redeemed, long refunded, long settled) {
        static final PartnerMinutes NONE = new PartnerMinutes(0, 0, 0);

        PartnerMinutes plus(EntryType type, long minutes) {
            long amount = Math.abs(minutes);
            return switch (type) {
                case REDEMPTION -> new PartnerMinutes(redeemed + amount, refunded, settled);
                case REFUND -> new PartnerMinutes(redeemed, refunded + amount, settled);
                default -> new PartnerMinutes(redeemed, refunded, settled + amount);
            };
        }
    }

    /** Per partner, the sums of their accounts' postings by REDEMPTION, REFUND and SETTLEMENT entries. */
    static Map<String, PartnerMinutes> partnerMinutes(List<OwnerTypeSum> sums) {
        Map<String, PartnerMinutes> byPartner = new HashMap<>();
        for (OwnerTypeSum sum : sums) {
            byPartner.put(sum.ownerId(), byPartner.getOrDefault(sum.ownerId(), PartnerMinutes.NONE)
                    .plus(sum.type(), sum.amountMinutes()));
        }
        return byPartner;
    }
}

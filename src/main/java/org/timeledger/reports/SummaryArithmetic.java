package org.timeledger.reports;

import org.timeledger.reports.SummaryReport.ExchangeTally;
import org.timeledger.reports.SummaryReport.Tally;
import org.timeledger.reports.SummaryViews.Credits;
import org.timeledger.reports.SummaryViews.Identity;
import org.timeledger.reports.SummaryViews.Outstanding;
import org.timeledger.reports.SummaryViews.WardRow;

import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The summary's arithmetic on the sums its queries gather ({@link SummaryReport}): pure
 * functions, so that the rules of the report can be tested without a database.
 */
final class SummaryArithmetic {
    private SummaryArithmetic() {
    }

    /** A period's first moment: the start of its first day in the scheme's time zone. */
    static Instant periodStart(LocalDate first, ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    /** A period's end, excluded: the start of the day after its last, so that the last day counts whole. */
    static Instant periodEnd(LocalDate last, ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Per entry type, the sum of its credit postings in the period; with ISSUANCE's debits and credits in it. */
    static Credits credits(long issued, long retired, Map<EntryType, Long> movedByType) {
        return new Credits(issued, retired, moved(movedByType, EntryType.EARN), moved(movedByType, EntryType.ALLOCATION),
                moved(movedByType, EntryType.GIFT), moved(movedByType, EntryType.EXCHANGE),
                moved(movedByType, EntryType.DONATION), moved(movedByType, EntryType.GRANT),
                moved(movedByType, EntryType.REDEMPTION), moved(movedByType, EntryType.REFUND),
                moved(movedByType, EntryType.EXPIRY), moved(movedByType, EntryType.SETTLEMENT),
                moved(movedByType, EntryType.ADJUSTMENT), moved(movedByType, EntryType.REVERSAL));
    }

    private static long moved(Map<EntryType, Long> movedByType, EntryType type) {
        return movedByType.getOrDefault(type, 0L);
    }

    /** Balances by kind of account (ISSUANCE left out) as what is outstanding: in circulation, and expired beside it. */
    static Outstanding outstanding(Map<AccountKind, Long> byKind) {
        long members = byKind.getOrDefault(AccountKind.MEMBER, 0L);
        long organisations = byKind.getOrDefault(AccountKind.ORGANISATION, 0L);
        long partners = byKind.getOrDefault(AccountKind.PARTNER, 0L);
        long pot = byKind.getOrDefault(AccountKind.COMMUNITY_POT, 0L);
        long expired = byKind.getOrDefault(AccountKind.EXPIRED, 0L);
        return new Outstanding(members, organisations, partners, pot, expired, members + organisations + partners + pot);
    }

    /**
     * Issued less retired equals outstanding, from ISSUANCE's postings on one side and everyone
     * else's on the other; and equals the stored balances, when they were read (null: not).
     */
    static Identity identity(long issued, long returnedToIssuance, Outstanding outstanding, Long storedBalances) {
        // credits that expired are retired too: they left circulation without going back to ISSUANCE
        long retired = returnedToIssuance + outstanding.expired();
        return new Identity(issued, retired, outstanding.total(), storedBalances,
                issued - retired == outstanding.total() && (storedBalances == null || storedBalances == outstanding.total()));
    }

    /** A row for every ward that volunteered, helped through exchanges or gained members, in the wards' order. */
    static List<WardRow> byWard(Map<String, Tally> volunteeringByWard, Map<String, ExchangeTally> exchangesByWard,
                                Map<String, Long> newMembersByWard) {
        Set<String> wards = new TreeSet<>(volunteeringByWard.keySet());
        wards.addAll(exchangesByWard.keySet());
        wards.addAll(newMembersByWard.keySet());
        return wards.stream().map(w -> {
            Tally t = volunteeringByWard.getOrDefault(w, new Tally());
            ExchangeTally e = exchangesByWard.getOrDefault(w, new ExchangeTally());
            return new WardRow(w, t.minutes, t.members.size(), newMembersByWard.getOrDefault(w, 0L), e.minutes, e.exchanges,
                    e.payers.size(), e.helpers.size());
        }).toList();
    }

    /** Members who gave help in the period, through an activity or an exchange, each counted once. */
    static long activeMembers(Set<String> volunteers, Set<String> exchangeHelpers) {
        Set<String> active = new HashSet<>(volunteers);
        active.addAll(exchangeHelpers);
        return active.size();
    }
}

package org.timeledger.reports;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.problem.RejectedException;
import org.timeledger.reports.SummaryViews.CategoryRow;
import org.timeledger.reports.SummaryViews.Credits;
import org.timeledger.reports.SummaryViews.Identity;
import org.timeledger.reports.SummaryViews.OrganisationRow;
import org.timeledger.reports.SummaryViews.Outstanding;
import org.timeledger.reports.SummaryViews.PartnerRow;
import org.timeledger.reports.SummaryViews.Summary;
import org.timeledger.reports.SummaryViews.WardRow;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.SqlTimes;
import org.timeledger.support.Transactions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a scheme achieved in a period, for the council or charity that funds it: volunteering
 * (approved activities dated in the period, not corrected by a reversal), credits moved (entries
 * posted in it), what is outstanding at its end, and the identity issued - retired =
 * outstanding, worked out from two different sets of postings so that it can fail. The period
 * is whole days in the scheme's time zone, both ends included (by default from the scheme's
 * first day, or its earliest back-dated activity, to today). One snapshot.
 */
@Singleton
public class SummaryReport {
    static final String NO_WARD = "(no ward)";

    private final JdbcOperations jdbc;
    private final Access access;
    private final Transactions transactions;
    private final Clock clock;

    public SummaryReport(JdbcOperations jdbc, Access access, Transactions transactions, Clock clock) {
        this.jdbc = jdbc;
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
            // a coordinator sees the scheme's figures and their own organisations' rows
            return new Summary(all.schemeCode(), all.from(), all.to(), all.minutesVolunteered(), all.approvedActivities(),
                    all.activeVolunteers(), all.newMembers(), all.credits(), all.outstanding(), all.identity(),
                    all.byCategory(), all.byOrganisation().stream().filter(r -> caller.organisationIds().contains(r.id())).toList(),
                    all.byPartner(), all.byWard());
        });
    }

    /** The summary of a period (from null: the scheme's first day); on the caller's snapshot. */
    Summary compute(Scheme scheme, LocalDate from, LocalDate to) {
        ZoneId zone = ZoneId.of(scheme.timeZone());
        LocalDate first = from == null ? start(scheme, zone) : from;
        return compute(scheme, first, to, SummaryArithmetic.periodStart(first, zone), SummaryArithmetic.periodEnd(to, zone));
    }

    /** The scheme's first day: when it began, or its earliest activity, logged back-dated. */
    private LocalDate start(Scheme scheme, ZoneId zone) {
        LocalDate created = LocalDate.ofInstant(scheme.createdAt(), zone);
        LocalDate earliest = jdbc.prepareStatement("SELECT MIN(activity_date) FROM activity WHERE scheme_id = ?", ps -> {
            ps.setString(1, scheme.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        });
        return earliest != null && earliest.isBefore(created) ? earliest : created;
    }

    Summary compute(Scheme scheme, LocalDate first, LocalDate last, Instant start, Instant end) {
        Volunteering v = volunteering(scheme, first, last);
        Map<String, Long> newMembers = newMembersByWard(scheme, start, end);
        Credits credits = credits(scheme, start, end);
        Outstanding outstanding = outstanding(scheme, end);
        long[] issuance = issuanceTotals(scheme, Instant.EPOCH, end);
        Long stored = end.isAfter(clock.instant()) ? storedBalances(scheme) : null;
        Identity identity = SummaryArithmetic.identity(issuance[0], issuance[1], outstanding, stored);
        List<WardRow> byWard = SummaryArithmetic.byWard(v.wards, newMembers);
        return new Summary(scheme.code(), first, last, v.total.minutes, v.total.activities, v.total.members.size(),
                newMembers.values().stream().mapToLong(Long::longValue).sum(), credits, outstanding, identity,
                categories(scheme, v), organisations(scheme, v), partners(scheme, start, end), byWard);
    }

    /** Minutes, activities and distinct volunteers. */
    static final class Tally {
        long minutes;
        long activities;
        final Set<String> members = new HashSet<>();

        void add(String member, long minutes) {
            this.minutes += minutes;
            activities++;
            members.add(member);
        }
    }

    private static final class Volunteering {
        final Tally total = new Tally();
        final Map<String, Tally> categories = new HashMap<>();
        final Map<String, Tally> organisations = new HashMap<>();
        final Map<String, Tally> wards = new TreeMap<>();
    }

    private Volunteering volunteering(Scheme scheme, LocalDate first, LocalDate last) {
        return jdbc.prepareStatement("SELECT a.category_id, a.organisation_id, m.ward, a.member_id, a.minutes "
                + "FROM activity a JOIN member m ON m.id = a.member_id WHERE a.scheme_id = ? AND a.status = 'APPROVED' "
                + "AND a.activity_date >= ? AND a.activity_date <= ? "
                + "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = a.entry_id)", ps -> {
            ps.setString(1, scheme.id());
            ps.setObject(2, first);
            ps.setObject(3, last);
            Volunteering v = new Volunteering();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String member = rs.getString(4);
                    long minutes = rs.getLong(5);
                    String ward = rs.getString(3) == null ? NO_WARD : rs.getString(3);
                    v.total.add(member, minutes);
                    v.categories.computeIfAbsent(rs.getString(1), k -> new Tally()).add(member, minutes);
                    v.organisations.computeIfAbsent(rs.getString(2), k -> new Tally()).add(member, minutes);
                    v.wards.computeIfAbsent(ward, k -> new Tally()).add(member, minutes);
                }
            }
            return v;
        });
    }

    private List<CategoryRow> categories(Scheme scheme, Volunteering v) {
        return jdbc.prepareStatement("SELECT id, code, name FROM category WHERE scheme_id = ? ORDER BY code", ps -> {
            ps.setString(1, scheme.id());
            List<CategoryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tally t = v.categories.getOrDefault(rs.getString(1), new Tally());
                    rows.add(new CategoryRow(rs.getString(2), rs.getString(3), t.minutes, t.activities, t.members.size()));
                }
            }
            return rows;
        });
    }

    private List<OrganisationRow> organisations(Scheme scheme, Volunteering v) {
        return jdbc.prepareStatement("SELECT id, name FROM organisation WHERE scheme_id = ? ORDER BY name, id", ps -> {
            ps.setString(1, scheme.id());
            List<OrganisationRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tally t = v.organisations.getOrDefault(rs.getString(1), new Tally());
                    rows.add(new OrganisationRow(rs.getString(1), rs.getString(2), t.minutes, t.activities, t.members.size()));
                }
            }
            return rows;
        });
    }

    private Map<String, Long> newMembersByWard(Scheme scheme, Instant start, Instant end) {
        return jdbc.prepareStatement("SELECT ward, COUNT(*) FROM member WHERE scheme_id = ? AND created_at >= ? "
                + "AND created_at < ? GROUP BY ward", ps -> {
            ps.setString(1, scheme.id());
            ps.setObject(2, SqlTimes.of(start));
            ps.setObject(3, SqlTimes.of(end));
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.merge(rs.getString(1) == null ? NO_WARD : rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
            return counts;
        });
    }

    /** Per entry type, the amount moved by entries posted in [start, end): the sum of their credit postings. */
    private Credits credits(Scheme scheme, Instant start, Instant end) {
        Map<String, Long> moved = jdbc.prepareStatement("SELECT e.type, COALESCE(SUM(p.amount_minutes), 0) FROM journal_entry e "
                + "JOIN posting p ON p.entry_id = e.id WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? "
                + "AND p.amount_minutes > 0 GROUP BY e.type", ps -> {
            bindPeriod(ps, scheme, start, end);
            Map<String, Long> sums = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sums.put(rs.getString(1), rs.getLong(2));
                }
            }
            return sums;
        });
        long[] issuance = issuanceTotals(scheme, start, end);
        return SummaryArithmetic.credits(issuance[0], issuance[1], moved);
    }

    /** Credits created (debits of ISSUANCE, all its accounts) and retired (their credits) by entries posted in [start, end). */
    private long[] issuanceTotals(Scheme scheme, Instant start, Instant end) {
        return jdbc.prepareStatement("SELECT COALESCE(SUM(CASE WHEN p.amount_minutes < 0 THEN -p.amount_minutes ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN p.amount_minutes > 0 THEN p.amount_minutes ELSE 0 END), 0) FROM posting p "
                + "JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                + "WHERE a.scheme_id = ? AND a.kind = 'ISSUANCE' AND e.posted_at >= ? AND e.posted_at < ?", ps -> {
            ps.setString(1, scheme.id());
            ps.setObject(2, SqlTimes.of(start));
            ps.setObject(3, SqlTimes.of(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /** The balance column of every account in circulation (not ISSUANCE, not EXPIRED), as it stands now. */
    private long storedBalances(Scheme scheme) {
        return jdbc.prepareStatement("SELECT COALESCE(SUM(balance_minutes), 0) FROM account WHERE scheme_id = ? "
                + "AND kind <> 'ISSUANCE' AND kind <> 'EXPIRED'", ps -> {
            ps.setString(1, scheme.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Everyone's balances but ISSUANCE's at {@code end}, by kind of account. */
    private Outstanding outstanding(Scheme scheme, Instant end) {
        Map<String, Long> byKind = jdbc.prepareStatement("SELECT a.kind, COALESCE(SUM(p.amount_minutes), 0) FROM posting p "
                + "JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                + "WHERE a.scheme_id = ? AND a.kind <> 'ISSUANCE' AND e.posted_at < ? GROUP BY a.kind", ps -> {
            ps.setString(1, scheme.id());
            ps.setObject(2, SqlTimes.of(end));
            Map<String, Long> sums = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sums.put(rs.getString(1), rs.getLong(2));
                }
            }
            return sums;
        });
        return SummaryArithmetic.outstanding(byKind);
    }

    private List<PartnerRow> partners(Scheme scheme, Instant start, Instant end) {
        Map<String, long[]> sums = jdbc.prepareStatement("SELECT a.owner_id, e.type, COALESCE(SUM(p.amount_minutes), 0) "
                + "FROM posting p JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                + "WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? AND a.kind = 'PARTNER' "
                + "AND e.type IN ('REDEMPTION', 'REFUND', 'SETTLEMENT') GROUP BY a.owner_id, e.type", ps -> {
            bindPeriod(ps, scheme, start, end);
            Map<String, long[]> byPartner = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] row = byPartner.computeIfAbsent(rs.getString(1), k -> new long[3]);
                    int column = switch (rs.getString(2)) {
                        case "REDEMPTION" -> 0;
                        case "REFUND" -> 1;
                        default -> 2;
                    };
                    row[column] += Math.abs(rs.getLong(3));
                }
            }
            return byPartner;
        });
        return jdbc.prepareStatement("SELECT id, name FROM partner WHERE scheme_id = ? ORDER BY name, id", ps -> {
            ps.setString(1, scheme.id());
            List<PartnerRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] s = sums.getOrDefault(rs.getString(1), new long[3]);
                    rows.add(new PartnerRow(rs.getString(1), rs.getString(2), s[0], s[1], s[2]));
                }
            }
            return rows;
        });
    }

    private static void bindPeriod(PreparedStatement ps, Scheme scheme, Instant start, Instant end) throws SQLException {
        ps.setString(1, scheme.id());
        ps.setObject(2, SqlTimes.of(start));
        ps.setObject(3, SqlTimes.of(end));
    }
}

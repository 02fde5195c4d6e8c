package org.timeledger.reports;

import org.timeledger.problem.Refusal;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.problem.RejectedException;
import org.timeledger.reports.SummaryViews.Summary;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What anyone may see of a scheme, without logging in: totals and breakdowns by category and
 * ward for its lifetime and the last 12 months, and whether its books balance. No names and no
 * ids; any count below {@value #SMALLEST} shows as "&lt;5", and the minutes (and activities) of a
 * group of fewer than {@value #SMALLEST} volunteers as "withheld", with as many more groups as
 * it takes for the withheld ones to hold five volunteers, so that nobody can be picked out,
 * not even by subtracting the groups shown from the total. Exchanges between members are
 * withheld the same way, a group's size being the smaller of its helpers and its payers: an
 * exchange's minutes say what its payer paid as much as what its helper gave. Worked out at
 * most once a minute.
 */
@Singleton
public class PublicSummary {
    static final int SMALLEST = 5;
    static final String FEW = "<5";
    static final String WITHHELD = "withheld";
    /** Reconciling on every anonymous request would let anyone load the database at will. */
    static final Duration RECONCILIATION_KEPT = Duration.ofMinutes(5);

    private final SummaryReport report;
    private final Reconciliation reconciliation;
    private final SchemeService schemes;
    private final Transactions transactions;
    private final Clock clock;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    /** The figures are worked out at most once a minute per scheme, however many ask. */
    static final Duration VIEW_KEPT = Duration.ofMinutes(1);
    private final Map<String, Cached> views = new ConcurrentHashMap<>();

    public PublicSummary(SummaryReport report, Reconciliation reconciliation, SchemeService schemes,
                         Transactions transactions, Clock clock) {
        this.report = report;
        this.reconciliation = reconciliation;
        this.schemes = schemes;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Serdeable
    public record Checked(boolean balanced, Instant checkedAt) {
    }

    @Serdeable
    public record CategoryRow(String category, Object minutesVolunteered, Object activities, Object volunteers,
                              Object minutesExchanged, Object exchanges, Object helpers) {
    }

    @Serdeable
    public record WardRow(String ward, Object minutesVolunteered, Object volunteers, Object newMembers,
                          Object minutesExchanged, Object exchanges, Object helpers) {
    }

    @Serdeable
    public record Period(LocalDate from, LocalDate to, Object minutesVolunteered, Object approvedActivities,
                         Object activeVolunteers, Object minutesExchanged, Object exchanges, Object activeMembers,
                         Object newMembers, long creditsIssued, long creditsRedeemed, long creditsDonated,
                         long creditsOutstanding, List<CategoryRow> byCategory, List<WardRow> byWard) {
    }

    @Serdeable
    public record View(String schemeCode, String schemeName, Period lifetime, Period last12Months, Checked reconciliation) {
    }

    public View of(String schemeCode) {
        Cached cached = views.get(schemeCode);
        if (cached != null && cached.at().plus(VIEW_KEPT).isAfter(clock.instant())) {
            return cached.view();
        }
        View view = compute(schemeCode);
        views.put(schemeCode, new Cached(view, clock.instant()));
        return view;
    }

    private record Cached(View view, Instant at) {
    }

    private View compute(String schemeCode) {
        Scheme scheme = schemes.find(schemeCode)
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No scheme with code '" + schemeCode + "'."));
        ZoneId zone = ZoneId.of(scheme.timeZone());
        LocalDate today = scheme.today(clock.instant());
        Summary lifetime = transactions.readSnapshot(() -> report.compute(scheme, null, today));
        Summary year = transactions.readSnapshot(() -> report.compute(scheme, today.minusYears(1).plusDays(1), today));
        return new View(scheme.code(), scheme.name(), period(lifetime), period(year), reconciled(scheme));
    }

    private Checked reconciled(Scheme scheme) {
        Checked last = checked.get(scheme.id());
        Instant now = clock.instant();
        if (last == null || last.checkedAt().plus(RECONCILIATION_KEPT).isBefore(now)) {
            Reconciliation.Report result = reconciliation.reconcile(scheme.id());
            last = new Checked(result.balanced(), result.checkedAt());
            checked.put(scheme.id(), last);
        }
        return last;
    }

    static Period period(Summary s) {
        Set<String> hiddenCategories = withheld(s.byCategory().stream()
                .collect(Collectors.toMap(SummaryViews.CategoryRow::code, SummaryViews.CategoryRow::volunteers)));
        Set<String> hiddenCategoryExchanges = withheld(s.byCategory().stream()
                .collect(Collectors.toMap(SummaryViews.CategoryRow::code, r -> exchangeGroup(r.payers(), r.helpers()))));
        Set<String> hiddenWards = withheld(s.byWard().stream()
                .collect(Collectors.toMap(SummaryViews.WardRow::ward, SummaryViews.WardRow::volunteers)));
        Set<String> hiddenWardExchanges = withheld(s.byWard().stream()
                .collect(Collectors.toMap(SummaryViews.WardRow::ward, r -> exchangeGroup(r.payers(), r.helpers()))));
        List<CategoryRow> categories = s.byCategory().stream().map(r -> {
            boolean hidden = hiddenCategories.contains(r.code());
            boolean exchangesHidden = hiddenCategoryExchanges.contains(r.code());
            return new CategoryRow(r.name(), hidden ? WITHHELD : r.minutesVolunteered(), hidden ? WITHHELD : r.activities(),
                    count(r.volunteers()), exchangesHidden ? WITHHELD : r.minutesExchanged(),
                    exchangesHidden ? WITHHELD : r.exchanges(), count(r.helpers()));
        }).toList();
        List<WardRow> wards = s.byWard().stream().map(r -> {
            boolean exchangesHidden = hiddenWardExchanges.contains(r.ward());
            return new WardRow(r.ward(), hiddenWards.contains(r.ward()) ? WITHHELD : r.minutesVolunteered(),
                    count(r.volunteers()), count(r.newMembers()), exchangesHidden ? WITHHELD : r.minutesExchanged(),
                    exchangesHidden ? WITHHELD : r.exchanges(), count(r.helpers()));
        }).toList();
        return new Period(s.from(), s.to(), minutes(s.minutesVolunteered(), s.activeVolunteers()), count(s.approvedActivities()),
                count(s.activeVolunteers()), minutes(s.minutesExchanged(), exchangeGroup(s.exchangePayers(), s.exchangeHelpers())),
                count(s.exchanges()), count(s.activeMembers()), count(s.newMembers()), s.credits().issued(),
                s.credits().redeemed(), s.credits().donated(), s.outstanding().total(), categories, wards);
    }

    /** How many people a group of exchanges could point at: the smaller of its two sides. */
    static long exchangeGroup(long payers, long helpers) {
        return Math.min(payers, helpers);
    }

    /**
     * The groups whose figures are withheld: those of one to four volunteers and, so that the
     * total less the groups shown does not give them away, the next smallest groups too, until
     * the withheld ones hold at least five volunteers between them.
     */
    static Set<String> withheld(Map<String, Long> volunteersByGroup) {
        Set<String> hidden = new HashSet<>();
        volunteersByGroup.forEach((group, n) -> {
            if (n > 0 && n < SMALLEST) {
                hidden.add(group);
            }
        });
        List<Map.Entry<String, Long>> others = volunteersByGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !hidden.contains(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey())).toList();
        long together = hidden.stream().mapToLong(volunteersByGroup::get).sum();
        for (int i = 0; !hidden.isEmpty() && together < SMALLEST && i < others.size(); i++) {
            hidden.add(others.get(i).getKey());
            together += others.get(i).getValue();
        }
        return hidden;
    }

    /** A count, or "<5" if it is small enough to point at someone (none at all is safe to say). */
    static Object count(long n) {
        return n > 0 && n < SMALLEST ? FEW : n;
    }

    /** A group's minutes, withheld when fewer than five volunteered them. */
    static Object minutes(long minutes, long volunteers) {
        return volunteers > 0 && volunteers < SMALLEST ? WITHHELD : minutes;
    }
}

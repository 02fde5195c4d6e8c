package org.timeledger.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.timeledger.reports.SummaryViews.CategoryRow;
import org.timeledger.reports.SummaryViews.Credits;
import org.timeledger.reports.SummaryViews.Identity;
import org.timeledger.reports.SummaryViews.Outstanding;
import org.timeledger.reports.SummaryViews.Summary;
import org.timeledger.reports.SummaryViews.WardRow;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the public summary withholds so that nobody can be picked out (PublicSummary's
 * suppression arithmetic), on figures given by hand: no service, no database.
 */
class PublicSummarySuppressionTest {

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({"0, 0", "1, <5", "4, <5", "5, 5", "1234, 1234"})
    void aCountBelowFiveShowsAsFewButNoneAtAllIsSaid(long n, String shown) {
        assertThat(PublicSummary.count(n).toString()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} minutes of {1} volunteers show as {2}")
    @CsvSource({"0, 0, 0", "90, 1, withheld", "600, 4, withheld", "750, 5, 750"})
    void minutesOfFewerThanFiveVolunteersAreWithheld(long minutes, long volunteers, String shown) {
        assertThat(PublicSummary.minutes(minutes, volunteers).toString()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}: withheld {1}")
    @CsvSource(delimiter = '|', value = {
            "''                    | ''",
            "a=5 b=7               | ''",        // every group large enough
            "a=3 b=7 c=9           | a b",       // a, and the next smallest so that a is not total less the rest
            "a=1 b=2 c=8 d=9       | a b c",     // a and b hold three: one more group
            "a=2 b=3 c=8           | a b",       // a and b hold five between them
            "a=4 b=0 c=6           | a c",       // a group of nobody gives nobody away and hides nothing
            "a=3 b=6 c=6           | a b",       // of equal groups, the first by name
            "a=4                   | a",         // nothing else to withhold with it
            "a=4 b=4               | a b",
            "a=0 b=0               | ''",
    })
    void smallGroupsAreWithheldWithTheNextSmallestUntilTheyHoldFive(String groups, String withheld) {
        Map<String, Long> volunteersByGroup = new LinkedHashMap<>();
        for (String group : words(groups)) {
            String[] g = group.split("=");
            volunteersByGroup.put(g[0], Long.parseLong(g[1]));
        }

        assertThat(PublicSummary.withheld(volunteersByGroup)).isEqualTo(words(withheld));
    }

    @Test
    void exchangesOfFewerThanFivePayersOrHelpersAreWithheldLikeVolunteering() {
        // gardening: 6 helpers but only 3 payers; shopping: 7 and 8; lifts: 5 and 5; befriending: none
        List<CategoryRow> categories = List.of(
                new CategoryRow("gardening", "Gardening", 0, 0, 0, 600, 9, 3, 6),
                new CategoryRow("shopping", "Shopping", 0, 0, 0, 900, 12, 7, 8),
                new CategoryRow("lifts", "Lifts", 0, 0, 0, 300, 5, 5, 5),
                new CategoryRow("befriending", "Befriending", 0, 0, 0, 0, 0, 0, 0));
        // by the helper's ward: Tiny has two helpers, Big fifteen
        List<WardRow> wards = List.of(new WardRow("Big", 0, 0, 0, 1650, 23, 12, 15),
                new WardRow("Tiny", 0, 0, 0, 150, 3, 3, 2));
        Summary summary = new Summary("s", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 0, 0, 0, 1800, 26, 12,
                17, 17, 0, 0, new Credits(0, 0, 0, 0, 0, 1800, 0, 0, 0, 0, 0, 0, 0, 0), new Outstanding(0, 0, 0, 0, 0, 0),
                new Identity(0, 0, 0, null, true), categories, List.of(), List.of(), wards);

        PublicSummary.Period period = PublicSummary.period(summary);

        assertThat(period.minutesExchanged()).isEqualTo(1800L);
        assertThat(period.exchanges()).isEqualTo(26L);
        assertThat(period.activeMembers()).isEqualTo(17L);
        assertThat(category(period, "Gardening").minutesExchanged()).as("three payers could be picked out").isEqualTo("withheld");
        assertThat(category(period, "Gardening").exchanges()).isEqualTo("withheld");
        assertThat(category(period, "Gardening").helpers()).isEqualTo(6L);
        assertThat(category(period, "Lifts").minutesExchanged())
                .as("the next smallest, or the total less the others would give gardening away").isEqualTo("withheld");
        assertThat(category(period, "Shopping").minutesExchanged()).isEqualTo(900L);
        assertThat(category(period, "Befriending").minutesExchanged()).isEqualTo(0L);
        PublicSummary.WardRow tiny = period.byWard().get(1);
        assertThat(tiny.ward()).isEqualTo("Tiny");
        assertThat(tiny.minutesExchanged()).isEqualTo("withheld");
        assertThat(tiny.exchanges()).isEqualTo("withheld");
        assertThat(tiny.helpers()).isEqualTo("<5");
        assertThat(period.byWard().get(0).minutesExchanged()).as("with only two wards, the other goes too").isEqualTo("withheld");

        Summary few = new Summary("s", summary.from(), summary.to(), 0, 0, 0, 240, 4, 4, 3, 3, 0, 0, summary.credits(),
                summary.outstanding(), summary.identity(), List.of(), List.of(), List.of(), List.of());
        PublicSummary.Period small = PublicSummary.period(few);
        assertThat(small.minutesExchanged()).isEqualTo("withheld");
        assertThat(small.exchanges()).isEqualTo("<5");
        assertThat(small.activeMembers()).isEqualTo("<5");
    }

    private static PublicSummary.CategoryRow category(PublicSummary.Period period, String name) {
        return period.byCategory().stream().filter(r -> r.category().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}

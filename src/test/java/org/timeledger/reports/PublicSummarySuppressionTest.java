package org.timeledger.reports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
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

    private static Set<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}

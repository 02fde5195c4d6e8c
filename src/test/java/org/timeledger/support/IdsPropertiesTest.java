package org.timeledger.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.timeledger.testing.PropertyRuns;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids: a prefix, then 10 characters of time and 16 of randomness in Crockford base32. The time
 * part reads back as the time it was made at, and ids made in later milliseconds sort later,
 * whatever their random parts (cursors and the ascending lock order rely on it).
 */
@AddLifecycleHook(PropertyRuns.class)
class IdsPropertiesTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Property
    void anIdIsItsPrefixThenTimeThenRandomness(@ForAll("prefixes") String prefix, @ForAll("times") long millis,
                                               @ForAll long seed) {
        String id = Ids.newId(prefix, millis, new Random(seed));
        assertThat(id).matches(prefix + "_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(timeOf(id.substring(prefix.length() + 1))).isEqualTo(millis);
    }

    @Property
    void laterMillisecondsSortLater(@ForAll("times") long a, @ForAll("times") long b, @ForAll long seedA, @ForAll long seedB) {
        String first = Ids.newId("ent", a, new Random(seedA));
        String second = Ids.newId("ent", b, new Random(seedB));
        if (a < b) {
            assertThat(first).isLessThan(second);
        } else if (a > b) {
            assertThat(first).isGreaterThan(second);
        }
    }

    @Property
    void theRandomPartIsAllThatDiffersWithinAMillisecond(@ForAll("times") long millis, @ForAll long seed) {
        assertThat(Ids.newId("acc", millis, new Random(seed))).isEqualTo(Ids.newId("acc", millis, new Random(seed)));
    }

    private static long timeOf(String body) {
        long time = 0;
        for (char c : body.substring(0, 10).toCharArray()) {
            time = time * 32 + ALPHABET.indexOf(c);
        }
        return time;
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(4);
    }

    /** From 1970 to the year 10889 (48 bits of milliseconds), with now and the edges weighted in. */
    @Provide
    Arbitrary<Long> times() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, (1L << 48) - 1),
                Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L),
                Arbitraries.of(0L, 1L, (1L << 48) - 1));
    }
}

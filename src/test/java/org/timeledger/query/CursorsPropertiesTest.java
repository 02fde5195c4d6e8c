package org.timeledger.query;

import org.timeledger.problem.Refusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.timeledger.problem.RejectedException;
import org.timeledger.testing.PropertyRuns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursors: what the service encodes decodes to the same position; anything else a client sends
 * is either a cursor of the same form or a 400 validation_failed naming "cursor", never another
 * exception (which would be a 500).
 */
@AddLifecycleHook(PropertyRuns.class)
class CursorsPropertiesTest {

    @Property
    void aPositionRoundTrips(@ForAll("positions") String position) {
        String cursor = Cursors.encode(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor, "first")).isEqualTo(position);
    }

    @Property
    void aNumberRoundTrips(@ForAll long position) {
        assertThat(Cursors.decodeLong(Cursors.encode(Long.toString(position)), -1)).isEqualTo(position);
    }

    @Property
    void noCursorMeansTheFirstPage(@ForAll("positions") String first) {
        assertThat(Cursors.decode(null, first)).isEqualTo(first);
        assertThat(Cursors.decode("", first)).isEqualTo(first);
    }

    /** Any text at all: accepted only if it is base64 of "v1:" and a safe position, else refused as invalid. */
    @Property
    void anyTextIsAPositionOrACleanRefusal(@ForAll("forgeries") String cursor) {
        String position;
        try {
            position = Cursors.decode(cursor, "first");
        } catch (RejectedException e) {
            assertRefused(e);
            return;
        }
        if (!cursor.isEmpty()) {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            assertThat(text).isEqualTo("v1:" + position);
        }
        assertThat(position).matches("[A-Za-z0-9_-]{1,60}");
    }

    /** A cursor the service returned, with one character changed, inserted or removed. */
    @Property
    void aTamperedCursorIsAPositionOrACleanRefusal(@ForAll("positions") String position, @ForAll @IntRange(max = 200) int at,
                                                   @ForAll char replacement, @ForAll("edits") int edit) {
        String cursor = Cursors.encode(position);
        int i = at % cursor.length();
        String tampered = switch (edit) {
            case 0 -> cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            case 1 -> cursor.substring(0, i) + replacement + cursor.substring(i);
            default -> cursor.substring(0, i) + cursor.substring(i + 1);
        };
        try {
            assertThat(Cursors.decode(tampered, "first")).matches("[A-Za-z0-9_-]{1,60}");
        } catch (RejectedException e) {
            assertRefused(e);
        }
        try {
            Cursors.decodeLong(tampered, -1);
        } catch (RejectedException e) {
            assertRefused(e);
        }
    }

    @Property
    void aLimitIsWithinBoundsOrRefused(@ForAll int limit) {
        if (limit >= 1 && limit <= Cursors.MAX_LIMIT) {
            assertThat(Cursors.limit(limit)).isEqualTo(limit);
        } else {
            try {
                Cursors.limit(limit);
                throw new AssertionError("limit " + limit + " was accepted");
            } catch (RejectedException e) {
                assertThat(e.rejection()).isEqualTo(Refusal.VALIDATION_FAILED);
                assertThat(e.errors()).extracting(RejectedException.FieldError::field).containsExactly("limit");
            }
        }
    }

    private static void assertRefused(RejectedException e) {
        assertThat(e.rejection()).isEqualTo(Refusal.VALIDATION_FAILED);
        assertThat(e.errors()).extracting(RejectedException.FieldError::field).containsExactly("cursor");
    }

    /** What the service puts in cursors: ids and numbers. */
    @Provide
    Arbitrary<String> positions() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('_', '-')
                .ofMinLength(1).ofMaxLength(60);
    }

    @Provide
    Arbitrary<Integer> edits() {
        return Arbitraries.integers().between(0, 2);
    }

    /** Anything a client might send: any text, base64 of anything, and near-misses of real cursors. */
    @Provide
    Arbitrary<String> forgeries() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(100);
        Arbitrary<String> base64OfAny = any.map(s -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> prefixed = Arbitraries.strings().ofMaxLength(80).map(s -> Base64.getUrlEncoder()
                .encodeToString(("v1:" + s).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> rawBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(90)
                .map(b -> Base64.getUrlEncoder().encodeToString(b));
        return Arbitraries.oneOf(any, base64OfAny, prefixed, rawBytes);
    }
}

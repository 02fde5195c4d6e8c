package org.timeledger.ledger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.timeledger.testing.PropertyRuns;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.RejectedException;

/** Minutes arithmetic: the exact answer, or the named rejection BALANCE_OVERFLOW; never a wrapped long. */
@AddLifecycleHook(PropertyRuns.class)
class MinutesPropertiesTest {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property
    void plusIsExactOrRefusedAsOverflow(@ForAll("anyMinutes") long a, @ForAll("anyMinutes") long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.compareTo(MIN) >= 0 && exact.compareTo(MAX) <= 0) {
            assertThat(Minutes.plus(a, b)).isEqualTo(exact.longValueExact());
        } else {
            assertOverflow(catchThrowableOfType(RejectedException.class, () -> Minutes.plus(a, b)));
        }
    }

    @Property
    void negateIsExactOrRefusedAsOverflow(@ForAll("anyMinutes") long a) {
        if (a == Long.MIN_VALUE) {
            assertOverflow(catchThrowableOfType(RejectedException.class, () -> Minutes.negate(a)));
        } else {
            assertThat(Minutes.negate(a)).isEqualTo(-a);
            assertThat(Minutes.plus(a, Minutes.negate(a))).isZero();
        }
    }

    @Property
    void plusCommutesAndZeroChangesNothing(@ForAll("anyMinutes") long a, @ForAll("requestAmounts") long b) {
        assertThat(Minutes.plus(Minutes.plus(a, 0), 0)).isEqualTo(a);
        if (BigInteger.valueOf(a).add(BigInteger.valueOf(b)).bitLength() < Long.SIZE) {
            assertThat(Minutes.plus(a, b)).isEqualTo(Minutes.plus(b, a));
        }
    }

    private static void assertOverflow(RejectedException e) {
        assertThat(e).as("overflow is a rejection, not a wrap").isNotNull();
        assertThat(e.rejection()).isEqualTo(Rejection.BALANCE_OVERFLOW);
    }

    /** All of long, with its edges (and the edges of what one request may move) weighted in. */
    @Provide
    Arbitrary<Long> anyMinutes() {
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE,
                        Minutes.MAX_AMOUNT, -Minutes.MAX_AMOUNT),
                Arbitraries.longs().between(Long.MAX_VALUE - Minutes.MAX_AMOUNT, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + Minutes.MAX_AMOUNT));
    }

    @Provide
    Arbitrary<Long> requestAmounts() {
        return Arbitraries.longs().between(-Minutes.MAX_AMOUNT, Minutes.MAX_AMOUNT);
    }
}

package org.timeledger.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token buckets alone, on a clock the test moves. */
class RateLimiterTest {
    private final MovableClock clock = new MovableClock();

    @Test
    void aBurstIsGrantedThenTheRateAndTheWaitIsRoundedUpToWholeSeconds() {
        RateLimiter limiter = new RateLimiter(0.4, 3, clock); // a token every 2.5 s

        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEqualTo(OptionalLong.of(3));

        clock.advance(Duration.ofMillis(2_000));
        assertThat(limiter.acquire("usr_a")).as("half a second still to wait").isEqualTo(OptionalLong.of(1));
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void eachPrincipalHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 1, clock);

        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isPresent();
        assertThat(limiter.acquire("key_b")).isEmpty();
    }

    @Test
    void aFastRateNeverAsksToWaitLessThanASecond() {
        RateLimiter limiter = new RateLimiter(1_000, 1, clock);

        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aBucketIdleLongEnoughToBeFullAgainGrantsTheWholeBurst() {
        RateLimiter limiter = new RateLimiter(1, 2, clock);
        limiter.acquire("usr_a");
        limiter.acquire("usr_a");

        clock.advance(Duration.ofHours(1));

        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isEmpty();
        assertThat(limiter.acquire("usr_a")).isPresent();
    }

    @Test
    void aLimitNeedsAPositiveRateAndBurst() {
        assertThatThrownBy(() -> new RateLimiter(0, 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN, 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

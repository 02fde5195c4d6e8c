package org.timeledger.http;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A token bucket per principal, in this instance's memory: each holds up to {@code burst}
 * requests and refills at {@code requestsPerSecond}. Taking a token is lock-free (Bucket4j's
 * compare-and-swap) and touches nothing else, so refusing costs next to nothing.
 */
final class RateLimiter {
    /** Principals active within one refill of a whole bucket; far more than any scheme has. */
    private static final long MAX_PRINCIPALS = 100_000;

    private final LoadingCache<String, Bucket> buckets;

    RateLimiter(double requestsPerSecond, long burst, Clock clock) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / requestsPerSecond)));
        TimeMeter time = new ClockTime(clock);
        // A bucket left alone this long is full again, exactly as a new one would be: forgetting
        // it changes nothing, and keeps memory bounded by the principals active lately.
        Duration idle = perToken.multipliedBy(burst).compareTo(Duration.ofMinutes(1)) < 0
                ? Duration.ofMinutes(1) : perToken.multipliedBy(burst);
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(MAX_PRINCIPALS)
                .build(principal -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perToken))
                        .withCustomTimePrecision(time)
                        .build());
    }

    /** Takes one token of the principal's; empty if granted, else the whole seconds (1 or more) until one is there. */
    OptionalLong acquire(String principal) {
        ConsumptionProbe probe = buckets.get(principal).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** The service's clock, so that tests move time rather than wait for it. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}

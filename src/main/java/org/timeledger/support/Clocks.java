package org.timeledger.support;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one clock every service reads, so that tests can move time instead of waiting for it. */
@Factory
public class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Now, to the microsecond: H2 and PostgreSQL both store timestamps in microseconds, so a
     * time kept in Java (in a response, a hash, a comparison) equals the one read back.
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

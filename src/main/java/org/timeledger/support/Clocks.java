package org.timeledger.support;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one clock every service reads, so that tests can move time instead of waiting for it. */
@Factory
public class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

package org.timeledger.operations;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;

/**
 * Micronaut's {@code http.server.requests} timer (latency by route template, method and
 * status; its buckets are in application.yml) comes without a description: this gives its
 * HELP line one. Micronaut Micrometer applies every MeterFilter bean to the registry.
 */
@Singleton
public class RequestLatency implements MeterFilter {
    static final String NAME = "http.server.requests";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().equals(NAME) || id.getDescription() != null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(),
                "HTTP requests served, by route template (uri), method, status and exception: a latency histogram",
                id.getType());
    }
}

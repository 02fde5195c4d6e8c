package org.timeledger.operations;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;

/**
 * Micronaut's {@code http.server.requests} timer (latency by route template, method and
 * status; its buckets are in application.yml), as served anonymously at /metrics: with a HELP
 * line, and without its {@code exception} tag, which would name our classes and the
 * framework's to anyone and multiply the series (the problem's code is counted by
 * {@code timeledger_rejections_total}). Micronaut Micrometer applies every MeterFilter bean.
 */
@Singleton
public class RequestLatency implements MeterFilter {
    static final String NAME = "http.server.requests";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().equals(NAME) || id.getDescription() != null) {
            return id;
        }
        Tags tags = Tags.of(id.getTags().stream().filter(t -> !t.getKey().equals("exception")).toList());
        return new Meter.Id(id.getName(), tags, id.getBaseUnit(),
                "HTTP requests served, by route template (uri), method and status: a latency histogram", id.getType());
    }
}

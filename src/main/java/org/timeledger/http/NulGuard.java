package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.timeledger.ledger.Rejection;

import java.util.List;

/**
 * Refuses a NUL character in the path or the query with 400, before any route sees it: ids and
 * codes from the URL go to the database, and PostgreSQL cannot take NUL in text.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NulGuard implements Ordered {
    private final ProblemResponses responses;

    public NulGuard(ProblemResponses responses) {
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseNul(HttpRequest<?> request) {
        boolean nul = Texts.hasNul(request.getPath()) || request.getUri().getRawPath().contains("%00")
                || request.getParameters().values().stream().flatMap(List::stream).anyMatch(Texts::hasNul);
        if (!nul) {
            return null;
        }
        return responses.respond(request, Problems.of(request, Rejection.VALIDATION_FAILED,
                "The address may not contain the NUL character (%00).", List.of()));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1; // after RequestIds, so the answer carries the request id
    }
}

package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.timeledger.web.Problems;

/**
 * An error some module answered with a status alone (Micronaut Security's 405 for
 * {@code GET /oauth/access_token}) gets the problem+json body every other error has.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BodilessErrors implements Ordered {
    private final ProblemResponses responses;

    public BodilessErrors(ProblemResponses responses) {
        this.responses = responses;
    }

    @ResponseFilter
    @Nullable
    public MutableHttpResponse<?> describe(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
            return null;
        }
        HttpStatus status = HttpStatus.valueOf(response.code());
        MutableHttpResponse<?> problem = responses.respond(request, Problems.builder(request, status,
                Problems.codeFor(status), status.getReason()).withDetail(status.getReason() + ".").build());
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 4;
    }
}

package org.timeledger.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A request refused before, sent again with its Idempotency-Key: the stored problem+json is
 * the answer, as it was, marked {@code Idempotent-Replayed: true}.
 */
public class ReplayedRefusal extends RuntimeException {
    private final int status;
    private final String problem;

    public ReplayedRefusal(int status, String problem) {
        super(null, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    @Singleton
    @Produces(ProblemResponses.APPLICATION_PROBLEM_JSON)
    public static class Handler implements ExceptionHandler<ReplayedRefusal, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ReplayedRefusal refusal) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(refusal.status)).body(refusal.problem)
                    .contentType(ProblemResponses.APPLICATION_PROBLEM_JSON)
                    .header(Idempotency.REPLAYED_HEADER, "true");
        }
    }
}

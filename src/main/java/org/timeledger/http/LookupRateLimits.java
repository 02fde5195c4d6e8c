package org.timeledger.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import org.timeledger.identity.Caller;
import org.timeledger.problem.Refusal;
import org.timeledger.problem.RejectedException;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * A member's look-ups of who holds a card number ({@code GET /v1/me/recipients/{cardNumber}}):
 * enough for a person checking a few numbers before giving (bursts of {@link #BURST}, then one a
 * second), far too few to go through the numbers of a scheme. Keyed by the principal, in this
 * instance's memory, and off with the other limits ({@code timeledger.rate-limit.enabled}).
 */
@ServerFilter("/v1/me/recipients/**")
public class LookupRateLimits implements Ordered {
    static final long BURST = 20;
    private static final double PER_SECOND = 1;

    private final RateLimiter limiter;
    private final ProblemHandlers.Rejections rejections;

    public LookupRateLimits(@Value("${timeledger.rate-limit.enabled:true}") boolean enabled, Clock clock,
                            ProblemHandlers.Rejections rejections) {
        this.limiter = enabled ? new RateLimiter(PER_SECOND, BURST, clock) : null;
        this.rejections = rejections;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (limiter == null) {
            return null;
        }
        Object principal = request.getUserPrincipal(Authentication.class)
                .map(a -> a.getAttributes().get(Caller.PRINCIPAL_ID)).orElse(null);
        if (principal == null) {
            return null; // not authenticated: the security filter has answered 401 already
        }
        OptionalLong retryAfter = limiter.acquire("lookup:" + principal);
        if (retryAfter.isEmpty()) {
            return null;
        }
        return rejections.handle(request, RejectedException.retryLater(Refusal.RATE_LIMITED,
                "Too many card numbers looked up: at most " + BURST + " in a row, then one a second. Nothing was done; "
                        + "try again after " + retryAfter.getAsLong() + " seconds.", retryAfter.getAsLong()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 1;
    }
}

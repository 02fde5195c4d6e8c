package org.timeledger.http;

import org.timeledger.problem.Refusal;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.web.Idempotency;
import org.timeledger.problem.RejectedException;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.timeledger.identity.Caller;

/**
 * Per-principal rate limits on the routes that move credits: a runaway script or a till stuck
 * in a loop is slowed to a pace no person or till reaches, refused before it costs the database
 * anything beyond authentication (a till's key is looked up on every request). A route moves credits when it takes an {@code Idempotency-Key} (every
 * request that moves credits takes one: docs/api-guide.md), so a new such route is limited without a list to
 * keep up to date. Keyed by the principal, a user or a till's API key: these routes admit no
 * anonymous caller, so an address says nothing about who is calling.
 *
 * <p>Every request to such a route counts, whatever its answer, replays of an answered
 * Idempotency-Key included: whether a request is a replay is only known by reading the
 * database, which is what a refusal must not do; and a client resending the same key in a
 * tight loop is the runaway this is for. A refusal (429 {@code rate_limited} with
 * {@code Retry-After}) holds no lock or connection, is not recorded under the key, and the
 * same request sent after Retry-After is judged afresh (or replayed, if it had been answered).
 *
 * <p>The buckets live in this instance's memory: with N instances behind a load balancer a
 * principal gets up to N times the limit.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CreditRateLimits implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(CreditRateLimits.class);

    private final RateLimiter limiter;
    private final double requestsPerSecond;
    private final long burst;
    private final ProblemHandlers.Rejections rejections;
    private final Map<RouteInfo<?>, Boolean> creditRoutes = new ConcurrentHashMap<>();

    public CreditRateLimits(@Value("${timeledger.rate-limit.enabled:true}") boolean enabled,
                            @Value("${timeledger.rate-limit.requests-per-second:5}") double requestsPerSecond,
                            @Value("${timeledger.rate-limit.burst:100}") long burst,
                            Clock clock, ProblemHandlers.Rejections rejections) {
        if (enabled && (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1)) {
            throw new ConfigurationException("timeledger.rate-limit: requests-per-second must be above 0 and burst at least 1 "
                    + "(TIMELEDGER_RATE_LIMIT_PER_SECOND, TIMELEDGER_RATE_LIMIT_BURST); to turn the limits off, "
                    + "set TIMELEDGER_RATE_LIMIT_ENABLED=false.");
        }
        this.limiter = enabled ? new RateLimiter(requestsPerSecond, burst, clock) : null;
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
        this.rejections = rejections;
        if (enabled) {
            LOG.info("Requests that move credits are limited to {} a second per caller, in bursts of up to {}.",
                    format(requestsPerSecond), burst);
        } else {
            LOG.warn("Rate limits on requests that move credits are off (timeledger.rate-limit.enabled=false).");
        }
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (limiter == null) {
            return null;
        }
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        if (route == null || !creditRoutes.computeIfAbsent(route, CreditRateLimits::movesCredits)) {
            return null;
        }
        Object principal = request.getUserPrincipal(Authentication.class)
                .map(a -> a.getAttributes().get(Caller.PRINCIPAL_ID)).orElse(null);
        if (principal == null) {
            return null; // not authenticated: the security filter has answered 401 already
        }
        OptionalLong retryAfter = limiter.acquire(principal.toString());
        if (retryAfter.isEmpty()) {
            return null;
        }
        LOG.debug("Rate limit reached by {} on {} {}", principal, request.getMethodName(), AccessLog.route(request));
        return rejections.handle(request, RejectedException.retryLater(Refusal.RATE_LIMITED,
                "Too many requests that move credits from this caller: at most " + format(requestsPerSecond)
                        + " a second, in bursts of up to " + burst + ". Nothing was done; send the request again after "
                        + retryAfter.getAsLong() + " seconds (with the same Idempotency-Key).", retryAfter.getAsLong()));
    }

    /** Whether a route moves credits: its method takes the Idempotency-Key header. */
    public static boolean movesCredits(RouteInfo<?> route) {
        if (!(route instanceof MethodBasedRouteInfo<?, ?> method)) {
            return false;
        }
        Argument<?>[] arguments = method.getTargetMethod().getArguments();
        return Arrays.stream(arguments).anyMatch(argument -> argument.getAnnotationMetadata().stringValue(Header.class)
                .filter(Idempotency.HEADER::equalsIgnoreCase).isPresent());
    }

    private static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    /**
     * After authentication (it needs the principal) and before {@link SessionCheck}, so that a
     * refusal reads nothing from the database.
     */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() - 1;
    }
}

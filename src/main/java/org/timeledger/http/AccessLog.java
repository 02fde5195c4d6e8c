package org.timeledger.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.annotation.PreMatching;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.timeledger.identity.Caller;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.timeledger.web.RequestIds;

/**
 * One line per request on the logger {@code timeledger.access}, so that operators can route it
 * apart: method, route, status, duration, request id and principal. Its fields are also set in
 * the MDC while the line is written, so the JSON format ({@code TIMELEDGER_LOG_FORMAT=json})
 * carries each as a key of its own.
 *
 * <p>Only what can never be a secret is written. The route is the matched template
 * ({@code /v1/cards/{cardNumber}}), never the path, which may hold a card number; a path that
 * matched no route is {@value #UNMATCHED}. The principal is a user id or an API key's id, not a
 * username (personal data) nor anything of a token or key. Nothing of the query, the headers or
 * the body is read.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLog implements Ordered {
    public static final String LOGGER = "timeledger.access";
    static final String UNMATCHED = "(unmatched)";
    static final String ANONYMOUS = "-";
    private static final String CONSOLE_FILES = SecurityHeaders.CONSOLE_FILES + "**";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /**
     * Pre-matching, like {@link SecurityHeaders}, so that refusals made before route matching
     * (a CORS preflight from an unknown origin, a malformed URI) are logged too.
     */
    @PreMatching
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> around(HttpRequest<?> request,
                                                    FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        long started = System.nanoTime();
        return Mono.from(next.proceed()).doOnNext(response -> log(request, response.code(), started));
    }

    /** The route the request matched, as its template; safe to log whatever the path held. */
    public static String route(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(route -> ((UriRouteInfo<?, ?>) route).getUriMatchTemplate().toPathString())
                // the console's files are static resources (application.yml), served without a route
                .orElse(request.getPath().startsWith(SecurityHeaders.CONSOLE_FILES) ? CONSOLE_FILES : UNMATCHED);
    }

    /** The caller's user id or API key id; "-" for anonymous requests and refused credentials. */
    static String principal(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(authentication -> authentication.getAttributes().get(Caller.PRINCIPAL_ID))
                .map(Object::toString)
                .orElse(ANONYMOUS);
    }

    /** A request the HTTP layer refused before any filter ran (http/HttpLayerRefusals): logged all the same. */
    static void refused(HttpRequest<?> request, int status) {
        log(request, status, System.nanoTime());
    }

    private static void log(HttpRequest<?> request, int status, long started) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String route = route(request);
        String principal = principal(request);
        String method = request.getMethodName();
        // the response may complete on any thread: set the MDC for this line, then put back what was there
        Map<String, String> before = MDC.getCopyOfContextMap();
        try {
            MDC.put("requestId", RequestIds.of(request).orElse(ANONYMOUS));
            MDC.put("method", method);
            MDC.put("route", route);
            MDC.put("status", Integer.toString(status));
            MDC.put("durationMs", Long.toString(durationMs));
            MDC.put("principal", principal);
            LOG.info("{} {} {} {} ms principal={}", method, route, status, durationMs, principal);
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }

    /** Outermost, with the request ids and the security headers: it sees every response. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}

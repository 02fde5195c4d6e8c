package org.timeledger.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.annotation.PreMatching;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The headers that tell browsers and caches how to treat what we send, on every response:
 * successes and errors (401, 403, 404, 429...), health checks and CORS preflights alike. Each
 * is set only where the route has not set its own, so a route can choose otherwise.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'}: the API
 *       serves JSON and CSV, never a page, so a browser tricked into rendering a response runs
 *       and loads nothing, and no site may frame it. The web console ({@code /} and
 *       {@code /console/...}) has a policy of its own: scripts, styles, images and API calls
 *       from this origin only, and no inline script, so text an attacker managed to store (a
 *       member's name, a memo) can never run as script in a coordinator's browser. Images may
 *       also be {@code blob:}: the QR code of a card is fetched with the caller's token and
 *       shown from memory.</li>
 *   <li>{@code X-Frame-Options: DENY}: the same for browsers that predate frame-ancestors.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a CSV statement is never taken for a script.</li>
 *   <li>{@code Referrer-Policy: no-referrer}: ids in our URLs never leak to another site.</li>
 *   <li>{@code Cache-Control: no-store}: balances, statements and tokens are personal, and no
 *       cache, shared or the device's own, keeps them. The console's files are the same for
 *       everyone: {@code no-cache}, so a browser may keep them but checks for a newer version. {@code GET /v1/me} sets its own
 *       {@code private, no-cache}: the member's device may keep its copy, but only to ask again
 *       with If-None-Match, which is how a phone polling its balance gets 304.</li>
 *   <li>{@code Strict-Transport-Security} ({@code timeledger.security-headers.hsts}, empty for
 *       none): browsers heed it only over HTTPS (RFC 6797 §8.1), so it is harmless over plain
 *       HTTP and holds once a TLS proxy is in front.</li>
 * </ul>
 * The server names no software or version: Micronaut sends no {@code Server} header unless
 * configured to, and errors carry no stack trace.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders implements Ordered {
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final String strictTransportSecurity;

    public SecurityHeaders(@Value("${timeledger.security-headers.hsts:max-age=31536000}") String strictTransportSecurity) {
        this.strictTransportSecurity = strictTransportSecurity == null ? "" : strictTransportSecurity.strip();
    }

    /**
     * Wraps everything after it, pre-matching filters included: the CORS filter refuses a
     * preflight from an unknown origin before route matching, where a response filter of the
     * main chain never sees it.
     */
    @PreMatching
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> around(HttpRequest<?> request,
                                                    FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        boolean console = isConsole(request.getPath());
        return Mono.from(next.proceed()).doOnNext(response -> add(response, console));
    }

    /** Where the console's files are served from (application.yml's static resources). */
    static final String CONSOLE_FILES = "/console/";

    /** The console's first page and its files; its API calls are under /v1 like anyone's. */
    static boolean isConsole(String path) {
        return path.equals("/") || path.startsWith(CONSOLE_FILES);
    }

    void add(MutableHttpResponse<?> response, boolean console) {
        MutableHttpHeaders headers = response.getHeaders();
        if (console) {
            setIfAbsent(headers, "Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY);
            setIfAbsent(headers, "Cache-Control", "no-cache");
        }
        setIfAbsent(headers, "Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "Referrer-Policy", "no-referrer");
        setIfAbsent(headers, "Cache-Control", "no-store");
        if (!strictTransportSecurity.isEmpty()) {
            setIfAbsent(headers, "Strict-Transport-Security", strictTransportSecurity);
        }
    }

    private static void setIfAbsent(MutableHttpHeaders headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }

    /** Outermost, with the request ids: it sees every response, the other filters' refusals included. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}

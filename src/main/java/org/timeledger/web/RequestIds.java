package org.timeledger.web;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.timeledger.support.Ids;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token,
 * otherwise a new one. It is echoed on the response, carried in problem bodies and set in
 * the logging MDC (as {@code requestId}) for every log line written while serving it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIds implements Ordered {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "timeledger.requestId";
    // a caller's id is logged, so it must not smuggle line breaks or markup into the log
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public static Optional<String> of(HttpRequest<?> request) {
        return request == null ? Optional.empty() : request.getAttribute(ATTRIBUTE, String.class);
    }

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        context.add(new MdcPropagationContext(Map.of("requestId", identify(request))));
    }

    /**
     * Gives the request its id, unless it has one: for requests answered without the filters
     * (the HTTP layer's refusals, http/HttpLayerRefusals).
     */
    public static String identify(HttpRequest<?> request) {
        Optional<String> assigned = of(request);
        if (assigned.isPresent()) {
            return assigned.get();
        }
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : Ids.newId("req");
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        of(request).ifPresent(id -> response.header(HEADER, id));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}

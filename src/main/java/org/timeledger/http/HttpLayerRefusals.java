package org.timeledger.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import org.timeledger.problem.Refusal;
import org.timeledger.web.Problems;
import org.timeledger.web.RequestIds;
import org.zalando.problem.ThrowableProblem;

import java.util.List;

/**
 * The answer to a request the HTTP layer refused before any filter or route could see it: a
 * request line over {@code micronaut.server.netty.max-initial-line-length} (414
 * {@code uri_too_long}), headers over {@code max-header-size} (431 {@code headers_too_large}),
 * and a request it could not parse or whose framing {@link HttpFraming} refused (400
 * {@code validation_failed}). Micronaut answers these with the error processor alone
 * ({@link ProblemResponses}, which asks here), so this gives them what the filters give every
 * other answer: a request id, the security headers and a line in the access log. The
 * connection is closed after the answer (nothing after such a request can be trusted to start
 * where it seems to), and the answer says so.
 */
@Singleton
public class HttpLayerRefusals {
    private final NettyHttpServerConfiguration server;

    public HttpLayerRefusals(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    /** Why the HTTP layer could not read the request, or null when it read it. */
    @Nullable
    static Throwable unread(@Nullable HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    /** The problem for a request the HTTP layer could not read, giving the request its id. */
    ThrowableProblem problem(HttpRequest<?> request, Throwable unread) {
        RequestIds.identify(request);
        if (unread instanceof TooLongHttpLineException) {
            return Problems.of(request, Refusal.URI_TOO_LONG, "The request line (method, address and version) is longer than "
                    + server.getMaxInitialLineLength() + " bytes, the most this service reads; shorten the address.", List.of());
        }
        if (unread instanceof TooLongHttpHeaderException) {
            return Problems.of(request, Refusal.HEADERS_TOO_LARGE, "The request's headers are larger than "
                    + server.getMaxHeaderSize() + " bytes together, the most this service reads.", List.of());
        }
        String detail = unread instanceof HttpFraming.Refused refused ? refused.getMessage()
                : "The request is not well-formed HTTP/1.1 (its request line or a header could not be read).";
        return Problems.of(request, Refusal.VALIDATION_FAILED, detail, List.of());
    }

    /**
     * What the filters would have added and done (the request id, the access log's line; the
     * security headers come with every problem, {@link ProblemResponses}), and that the
     * connection closes.
     */
    <R extends MutableHttpResponse<?>> R finish(HttpRequest<?> request, R response) {
        response.header(RequestIds.HEADER, RequestIds.identify(request));
        response.header(HttpHeaders.CONNECTION, "close");
        AccessLog.refused(request, response.code());
        return response;
    }
}

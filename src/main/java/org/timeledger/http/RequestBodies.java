package org.timeledger.http;

import org.timeledger.problem.Refusal;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteMatch;
import org.timeledger.problem.ProblemCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.timeledger.web.LargeUpload;
import org.timeledger.web.Problems;
import org.timeledger.problem.RejectedException;

/**
 * What every request body must be before a route reads it, answered as problems:
 * <ul>
 *   <li>declared: a body without a Content-Type, or with one that is not a media type, is 415
 *       (the framework would otherwise read it as JSON);</li>
 *   <li>small enough: 413 above {@code timeledger.max-request-size} (1 MB), or above
 *       {@code timeledger.register-max-size} (8 MB) on a {@link LargeUpload} route. The server's
 *       own limit ({@code micronaut.server.max-request-size}) is the larger one, and refuses a
 *       streamed body beyond it while it arrives;</li>
 *   <li>JSON as RFC 8259 has it: UTF-8, and one value with nothing after it. By default a
 *       UTF-16 body is decoded and anything after the first value ignored, so
 *       {@code {"amountMinutes":1}}{@code {"amountMinutes":9}} would move one minute.</li>
 * </ul>
 */
public final class RequestBodies {
    private static final Pattern MEDIA_TYPE = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*(;.*)?");
    private static final JsonFactory JSON = new JsonFactory();

    private RequestBodies() {
    }

    /** The Content-Type and Content-Length of a request with a body, checked before it is read. */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static class Heads implements Ordered {
        private final ProblemResponses responses;
        private final long maxSize;
        private final long maxUploadSize;

        public Heads(ProblemResponses responses,
                     @Property(name = "timeledger.max-request-size") @ReadableBytes long maxSize,
                     @Property(name = "timeledger.register-max-size") @ReadableBytes long maxUploadSize) {
            this.responses = responses;
            this.maxSize = maxSize;
            this.maxUploadSize = maxUploadSize;
        }

        @RequestFilter
        @Nullable
        public HttpResponse<?> checkHead(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
            long length = request.getContentLength();
            if (length <= 0 && !request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
                return null;
            }
            String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
            if (type == null || type.isBlank()) {
                return refuse(responses, request, Refusal.UNSUPPORTED_MEDIA_TYPE,
                        "A body needs a Content-Type: application/json (text/csv for a register upload).");
            }
            if (!MEDIA_TYPE.matcher(type.strip()).matches()) {
                return refuse(responses, request, Refusal.UNSUPPORTED_MEDIA_TYPE, "The Content-Type '" + printable(type)
                        + "' is not a media type; send application/json (text/csv for a register upload).");
            }
            long limit = route != null && route.getAnnotationMetadata().hasAnnotation(LargeUpload.class) ? maxUploadSize : maxSize;
            if (length > limit) {
                return refuse(responses, request, Refusal.REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
            }
            return null;
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE + 2; // after RequestIds and UriGuard
        }
    }

    /**
     * A JSON body, read: its size when it was streamed without a length, its encoding, one value,
     * and no null its route's request does not take ({@link NullValues}).
     */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    public static class JsonBodies implements Ordered {
        private final ProblemResponses responses;
        private final NullValues nulls;
        private final long maxSize;

        public JsonBodies(ProblemResponses responses, NullValues nulls,
                          @Property(name = "timeledger.max-request-size") @ReadableBytes long maxSize) {
            this.responses = responses;
            this.nulls = nulls;
            this.maxSize = maxSize;
        }

        @RequestFilter
        @Nullable
        public HttpResponse<?> checkJson(HttpRequest<?> request, @Nullable RouteMatch<?> route, @Nullable @Body byte[] body) {
            String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
            if (type == null || !isJson(type)) {
                return null;
            }
            if ((body == null || body.length == 0) && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
                // a chunked body that came to nothing: Netty ends a body whose chunk framing is
                // broken as if it were empty, and a route whose body is optional (a capture of the
                // whole hold) would then act on a request it never received
                return refuse(responses, request, Refusal.VALIDATION_FAILED,
                        "The body is empty or its chunked encoding is broken.");
            }
            if (body == null || body.length == 0) {
                return null;
            }
            if (body.length > maxSize) {
                return refuse(responses, request, Refusal.REQUEST_ENTITY_TOO_LARGE, tooLarge(maxSize));
            }
            String problem = problem(body);
            if (problem != null) {
                return refuse(responses, request, Refusal.VALIDATION_FAILED, problem);
            }
            RejectedException refused = nulls.refusal(request, route, body);
            return refused == null ? null : responses.respond(request, Problems.of(request, refused));
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE + 3;
        }
    }

    static boolean isJson(String type) {
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }

    /** What is wrong with a JSON body as a whole, or null (syntax errors are left to the reader, which says where). */
    static String problem(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return "The body is not UTF-8; send JSON encoded as UTF-8.";
        }
        boolean oneValueRead = false;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            parser.skipChildren();
            oneValueRead = true;
            if (parser.nextToken() != null) {
                return "The body must be one JSON value, but more follows it (line " + parser.currentLocation().getLineNr()
                        + ", column " + parser.currentLocation().getColumnNr() + ").";
            }
            return null;
        } catch (StreamConstraintsException e) {
            // the framework's readers stop there too, but not every route's reader says so with a 400
            return "The body is nested too deeply.";
        } catch (IOException e) {
            return oneValueRead ? "The body must be one JSON value, but more follows it." : null;
        }
    }

    private static HttpResponse<?> refuse(ProblemResponses responses, HttpRequest<?> request, ProblemCode rejection,
                                          String detail) {
        return responses.respond(request, Problems.of(request, rejection, detail, List.of()));
    }

    static String tooLarge(long limit) {
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB"
                : limit % 1024 == 0 ? limit / 1024 + " KB" : limit + " bytes";
        return "The body is larger than " + size + ", the most this route takes.";
    }

    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }
}

package org.timeledger.http;

import org.timeledger.problem.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.timeledger.web.Problems;

/**
 * Refuses an address that is not percent-encoded UTF-8 with 400, before any route sees it:
 * <ul>
 *   <li>the NUL character (%00) anywhere in the path or the query: ids and codes from the URL go
 *       to the database, and PostgreSQL cannot take NUL in text;</li>
 *   <li>bytes outside printable ASCII sent as they are (URIs are ASCII, RFC 3986);</li>
 *   <li>escapes that decode to invalid UTF-8 ({@code %FF}, {@code %C3%28}), which would otherwise
 *       be read as U+FFFD and silently stand for something the caller did not send.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class UriGuard implements Ordered {
    private final ProblemResponses responses;

    public UriGuard(ProblemResponses responses) {
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseMalformedAddress(HttpRequest<?> request) {
        String raw = request.getUri().getRawPath() + "?" + (request.getUri().getRawQuery() == null ? ""
                : request.getUri().getRawQuery());
        String problem = problem(raw);
        if (problem == null && (Texts.hasNul(request.getPath())
                || request.getParameters().values().stream().flatMap(List::stream).anyMatch(Texts::hasNul))) {
            problem = "The address may not contain the NUL character (%00).";
        }
        if (problem == null) {
            return null;
        }
        return responses.respond(request, Problems.of(request, Refusal.VALIDATION_FAILED, problem, List.of()));
    }

    /** What is wrong with the raw path and query, or null. */
    static String problem(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "The address may contain only printable ASCII; percent-encode everything else as UTF-8.";
            }
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) && hex(raw.charAt(i + 2))) {
                byte b = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (b == 0) {
                    return "The address may not contain the NUL character (%00).";
                }
                bytes.put(b);
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return null;
        } catch (CharacterCodingException e) {
            return "The address contains percent-escapes that are not UTF-8 (such as %FF).";
        }
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1; // after RequestIds, so the answer carries the request id
    }
}

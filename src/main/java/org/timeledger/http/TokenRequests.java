package org.timeledger.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.timeledger.problem.Refusal;
import org.timeledger.web.Problems;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Micronaut Security's token endpoint ({@code POST /oauth/access_token}) reads the two fields it
 * needs and ignores the rest. Every other request of the service refuses a property it does not
 * take, so a client that misspells {@code refresh_token} learns it at once instead of being told
 * its token is not valid: this one does too, as JSON and as a form.
 */
@ServerFilter("/oauth/access_token")
public class TokenRequests implements Ordered {
    private static final Set<String> FIELDS = Set.of("grant_type", "refresh_token");
    private static final JsonFactory JSON = new JsonFactory();

    private final ProblemResponses responses;

    public TokenRequests(ProblemResponses responses) {
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUnknownFields(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (request.getMethod() != HttpMethod.POST || body == null || body.length == 0) {
            return null;
        }
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE, String.class, "").toLowerCase(Locale.ROOT);
        List<String> names = type.startsWith("application/x-www-form-urlencoded") ? formNames(body)
                : type.startsWith("application/json") ? jsonNames(body) : List.of();
        List<String> unknown = names.stream().filter(name -> !FIELDS.contains(name)).distinct().toList();
        if (unknown.isEmpty()) {
            return null;
        }
        return responses.respond(request, Problems.of(request, Refusal.VALIDATION_FAILED,
                "The body has a property this request does not take: " + String.join(", ", unknown)
                        + ". Send grant_type=refresh_token and refresh_token only.", List.of()));
    }

    private static List<String> formNames(byte[] body) {
        List<String> names = new ArrayList<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (!pair.isEmpty()) {
                names.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    /** The top-level property names of a JSON object; anything else is left to the endpoint, which refuses it. */
    private static List<String> jsonNames(byte[] body) {
        List<String> names = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return names;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException | IllegalArgumentException e) {
            return names;
        }
        return names;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 4; // after the body's own checks (RequestBodies)
    }
}

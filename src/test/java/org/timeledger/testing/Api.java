package org.timeledger.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain HTTP client for tests, as an integrator would use: real requests to the running
 * server, JSON text in and out. Every response is checked against openapi.yml, so a test
 * that passes is also proof that the contract describes what the server does.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("openapi.yml").toAbsolutePath().toUri().toString())
            .build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;
    private final String token;
    private final String apiKey;
    private final boolean checked;

    public Api(URI base) {
        this(base, null, null, true);
    }

    private Api(URI base, String token, String apiKey, boolean checked) {
        this.base = base;
        this.token = token;
        this.apiKey = apiKey;
        this.checked = checked;
    }

    /** A client that sends this bearer token. */
    public Api withToken(String token) {
        return new Api(base, token, null, checked);
    }

    /** A till: a client that sends this X-API-Key. */
    public Api withApiKey(String key) {
        return new Api(base, null, key, checked);
    }

    /** For requests the contract deliberately does not describe: unknown routes and methods. */
    public Api outsideContract() {
        return new Api(base, token, apiKey, false);
    }

    /** The header this client authenticates with, as {name, value}; empty for an anonymous client. */
    public String[] credentials() {
        if (token != null) {
            return new String[] {"Authorization", "Bearer " + token};
        }
        return apiKey != null ? new String[] {"X-API-Key", apiKey} : new String[0];
    }

    /** A claim of this client's access token, e.g. {@code uid}, the principal's id. */
    public String claim(String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode claim = JSON.readTree(payload).get(name);
            return claim == null ? null : claim.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in and returns a client carrying the access token. */
    public Api login(String username, String password) {
        Reply reply = post("/login", Map.of("username", username, "password", password));
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return withToken(reply.json().get("access_token").asText());
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Sends a request; body is a JSON string sent as it is, or an object written as JSON. */
    public Reply send(String method, String path, Object body, String... headers) {
        String text = body == null ? null : body instanceof String s ? s : write(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        builder.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        boolean contentTypeSet = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            contentTypeSet |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (text != null && !contentTypeSet) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Reply reply = new Reply(method, path, response.statusCode(), response.headers().map(), response.body());
        if (checked) {
            checkContract(reply);
        }
        return reply;
    }

    private static void checkContract(Reply reply) {
        String path = URI.create("http://x" + reply.path()).getPath();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        reply.headers().forEach((name, values) -> response.withHeader(name, values));
        ValidationReport report = CONTRACT.validateResponse(path, Request.Method.valueOf(reply.method()), response.build());
        if (report.hasErrors()) {
            throw new AssertionError("openapi.yml does not describe " + reply.method() + " " + path + " -> "
                    + reply.status() + " " + reply.body() + ":\n" + report.getMessages());
        }
        ListedStatuses.check(reply.method(), reply.path(), reply.status());
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer: status, headers and body, with the body parsed when it is JSON. */
    public record Reply(String method, String path, int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String field(String name) {
            JsonNode node = json().get(name);
            return node == null || node.isNull() ? null : node.asText();
        }

        public long number(String name) {
            return json().get(name).asLong();
        }

        /** The problem's stable code, for error answers. */
        public String code() {
            return field("code");
        }

        /** Every value of a header, whether sent as several lines or one comma-separated line. */
        public List<String> headerValues(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(String::strip)
                    .toList();
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + body;
        }
    }

    /** Builds a JSON object in the order given: {@code Api.object("a", 1, "b", "x")}. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }
}

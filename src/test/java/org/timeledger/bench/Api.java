package org.timeledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's HTTP API as the benchmark (and scripts/chaos) call it: JSON in, status and body out. */
public final class Api {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** Who sends a request: a bearer token, a till's API key, or nobody. */
    public record Credentials(String bearer, String apiKey) {
        public static Credentials token(String token) {
            return new Credentials(token, null);
        }

        public static Credentials till(String key) {
            return new Credentials(null, key);
        }

        public static final Credentials NONE = new Credentials(null, null);
    }

    public HttpResponse<String> get(String path, Credentials as, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = builder(path, as).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a JSON body; {@code key} is its Idempotency-Key (null for none). */
    public HttpResponse<String> post(String path, String json, Credentials as, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = builder(path, as)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that must succeed (seeding): its body, or an exception naming what went wrong. */
    public String created(String path, String json, Credentials as) throws IOException, InterruptedException {
        HttpResponse<String> reply = post(path, json, as, newKey());
        if (reply.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }

    private HttpRequest.Builder builder(String path, Credentials as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (as.bearer() != null) {
            request.header("Authorization", "Bearer " + as.bearer());
        }
        if (as.apiKey() != null) {
            request.header("X-API-Key", as.apiKey());
        }
        return request;
    }

    /** A member just registered (the answer to registering them) activates a login and logs in: the token. */
    public String activateAndLogIn(String registered, String username, String password)
            throws IOException, InterruptedException {
        created("/v1/activation", json("code", field(registered, "activationCode"), "username", username,
                "password", password), Credentials.NONE);
        return field(post("/login", json("username", username, "password", password), Credentials.NONE, null).body(),
                "access_token");
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** A top-level string field of a JSON reply: the benchmark needs ids and tokens, nothing nested. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return m.group(1);
    }

    public static String json(String... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1]).append('"');
        }
        return out.append('}').toString();
    }
}

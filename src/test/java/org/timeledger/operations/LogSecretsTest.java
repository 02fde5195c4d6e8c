package org.timeledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timeledger.testing.Api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The service runs a full scenario as its own process, in text and in JSON, and every line it
 * printed is read back. No password, access or refresh token, activation code, API key (nor
 * its secret part) or card number used in the scenario may appear in any line, and every
 * request has exactly one access line carrying its fields: in JSON each line is one object.
 */
class LogSecretsTest {
    private static final Pattern TEXT_ACCESS = Pattern.compile(
            " timeledger\\.access requestId=(\\S+) ([A-Z]+) (\\S+) (\\d{3}) (\\d+) ms principal=(\\S+)$");

    @TempDir
    Path workDir;

    /** What the scenario used that must never be logged. */
    private final Set<String> secrets = new LinkedHashSet<>();
    /** Every answer the scenario got, by its request id. */
    private final Map<String, Api.Reply> replies = new LinkedHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void noSecretInAnyLineAndOneAccessLinePerRequest(String format) throws Exception {
        ServiceProcess service = ServiceProcess.start(workDir, Map.of("TIMELEDGER_LOG_FORMAT", format));
        try {
            scenario(new Api(service.uri()));
        } finally {
            assertThat(service.stop(Duration.ofSeconds(60))).as("exit status after SIGTERM").isIn(0, 143);
        }
        List<String> lines = service.logLines();
        assertThat(lines).as("the log").hasSizeGreaterThan(replies.size());
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line holds a secret of the scenario").doesNotContain(secret);
            }
        }
        Map<String, Access> access = format.equals("json") ? jsonAccessLines(lines) : textAccessLines(lines);
        checkAccessLines(access);
    }

    private void scenario(Api anonymous) {
        String adminPassword = secret(ServiceProcess.ADMIN_PASSWORD);
        Api.Reply adminLogin = keep(anonymous.post("/login", object("username", "admin", "password", adminPassword)), 200);
        Api admin = anonymous.withToken(token(adminLogin));
        String code = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode scheme = keep(admin.post("/v1/schemes", object("code", code, "name", "Logs")), 201).json();

        // an auditor with a password, who logs in and refreshes their token
        String staffPassword = secret("staff-secret-" + UUID.randomUUID());
        keep(admin.post("/v1/schemes/" + code + "/staff", object("username", "cora-" + code, "password", staffPassword,
                "role", "AUDITOR")), 201);
        Api.Reply staffLogin = keep(anonymous.post("/login", object("username", "cora-" + code, "password", staffPassword)), 200);
        token(staffLogin);
        keep(anonymous.post("/oauth/access_token", object("grant_type", "refresh_token",
                "refresh_token", secret(staffLogin.field("refresh_token")))), 200);

        // a member registered by the administrator: activation code, card, password, login, refresh
        Member ada = member(anonymous, admin, code, "Ada");
        Member bob = member(anonymous, admin, code, "Bob");
        keep(admin.post("/v1/schemes/" + code + "/transfers", object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", ada.accountId, "amountMinutes", 600, "type", "ADJUSTMENT"), "Idempotency-Key", key()), 201);
        keep(ada.api.post("/v1/me/gifts", object("toCardNumber", bob.card, "amountMinutes", 30, "memo", "thanks"),
                "Idempotency-Key", key()), 201);
        keep(ada.api.get("/v1/me"), 200);

        // a till: its key, a card lookup, a hold captured and partly refunded
        String partner = keep(admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")), 201).field("id");
        String offer = keep(admin.post("/v1/partners/" + partner + "/offers", object("title", "Swim", "amountMinutes", 60)), 201)
                .field("id");
        Api.Reply createdKey = keep(admin.post("/v1/partners/" + partner + "/api-keys", object("label", "till 1")), 201);
        String apiKey = secret(createdKey.field("key"));
        secret(secretOf(apiKey, createdKey.field("id"))); // the secret part alone
        Api till = anonymous.withApiKey(apiKey);
        keep(till.get("/v1/cards/" + ada.card), 200);
        String hold = keep(till.post("/v1/redemptions", object("cardNumber", ada.card, "offerId", offer,
                "tillReference", "T-1"), "Idempotency-Key", key()), 201).field("id");
        keep(till.post("/v1/redemptions/" + hold + "/capture", null, "Idempotency-Key", key()), 200);
        keep(till.post("/v1/redemptions/" + hold + "/refunds", object("amountMinutes", 20, "reason", "closed early"),
                "Idempotency-Key", key()), 201);

        // failures: a wrong password, a token and an API key that are not valid, an unknown card,
        // a login body broken around its password, a token in a query string, a route that does not exist
        String wrongPassword = secret("wrong-password-" + UUID.randomUUID());
        keep(anonymous.post("/login", object("username", "admin", "password", wrongPassword)), 401);
        String forged = secret(token(adminLogin).substring(0, token(adminLogin).lastIndexOf('.') + 1) + "Zm9yZ2VkLXNpZ25hdHVyZQ");
        keep(anonymous.withToken(forged).get("/v1/me"), 401);
        String madeUpKey = secret("tlk_01M81G6R2CGXHBCWGCF8YVZRAC_" + "x".repeat(43));
        keep(anonymous.withApiKey(madeUpKey).get("/v1/cards/" + ada.card), 401);
        String unknownCard = secret((ada.card.charAt(0) == '9' ? "8" : "9") + ada.card.substring(1));
        keep(till.outsideContract().get("/v1/cards/" + unknownCard), 404);
        keep(anonymous.post("/login", "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\""), 400);
        keep(ada.api.outsideContract().get("/v1/me?access_token=" + ada.accessToken), 200);
        keep(admin.outsideContract().get("/v1/no-such-route/" + ada.card), 404);
    }

    private record Member(Api api, String accountId, String card, String accessToken) {
    }

    private Member member(Api anonymous, Api admin, String code, String name) {
        Api.Reply registered = keep(admin.post("/v1/schemes/" + code + "/members", object("displayName", name)), 201);
        String card = secret(registered.field("cardNumber"));
        String username = name.toLowerCase() + "-" + code;
        String password = secret(name.toLowerCase() + "-secret-" + UUID.randomUUID());
        keep(anonymous.post("/v1/activation", object("code", secret(registered.field("activationCode")),
                "username", username, "password", password)), 200);
        Api.Reply login = keep(anonymous.post("/login", object("username", username, "password", password)), 200);
        keep(anonymous.post("/oauth/access_token", object("grant_type", "refresh_token",
                "refresh_token", secret(login.field("refresh_token")))), 200);
        return new Member(anonymous.withToken(token(login)), registered.field("accountId"), card, token(login));
    }

    /**
     * The secret part of a till's key. ApiKeys makes a key as {@code tlk_<id body>_<secret>}, the
     * id body being the key id's ({@code key_<id body>}); the secret is base64url, so it may hold
     * '_' itself and is whatever follows the id body and its separator, not the text after the last '_'.
     */
    private static String secretOf(String apiKey, String keyId) {
        assertThat(keyId).as("the key's id").startsWith("key_");
        String before = "tlk_" + keyId.substring("key_".length()) + "_";
        assertThat(apiKey).as("a key reads tlk_<id body>_<secret>").startsWith(before);
        return apiKey.substring(before.length());
    }

    private String token(Api.Reply login) {
        String token = secret(login.field("access_token"));
        secret(token.substring(token.lastIndexOf('.') + 1)); // the signature alone
        return token;
    }

    private String secret(String value) {
        assertThat(value).as("a secret of the scenario").isNotBlank().hasSizeGreaterThanOrEqualTo(8);
        secrets.add(value);
        return value;
    }

    private Api.Reply keep(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        String requestId = reply.header("X-Request-Id").orElseThrow(() -> new AssertionError("no request id: " + reply));
        replies.put(requestId, reply);
        return reply;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    // ---- the access lines ----

    private record Access(String method, String route, int status, long durationMs, String principal) {
    }

    private static Map<String, Access> textAccessLines(List<String> lines) {
        Map<String, Access> access = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = TEXT_ACCESS.matcher(line);
            if (m.find()) {
                Access previous = access.put(m.group(1), new Access(m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                        Long.parseLong(m.group(5)), m.group(6)));
                assertThat(previous).as("a second access line for " + m.group(1)).isNull();
            } else {
                assertThat(line).as("an access line that does not read as one").doesNotContain(" timeledger.access requestId=");
            }
        }
        return access;
    }

    private static Map<String, Access> jsonAccessLines(List<String> lines) throws Exception {
        Map<String, Access> access = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode event;
            try {
                event = Api.JSON.readTree(line);
            } catch (Exception notJson) {
                throw new AssertionError("a line that is not JSON: " + line, notJson);
            }
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isNotEmpty();
            if (event.path("loggerName").asText().equals("timeledger.access")) {
                JsonNode mdc = event.get("mdc");
                Access previous = access.put(mdc.get("requestId").asText(), new Access(mdc.get("method").asText(),
                        mdc.get("route").asText(), mdc.get("status").asInt(), mdc.get("durationMs").asLong(),
                        mdc.get("principal").asText()));
                assertThat(previous).as("a second access line for " + mdc.get("requestId")).isNull();
            }
        }
        return access;
    }

    private void checkAccessLines(Map<String, Access> access) {
        assertThat(access.keySet()).as("one access line per request").containsAll(replies.keySet());
        List<String> tillRoutes = new ArrayList<>();
        replies.forEach((requestId, reply) -> {
            Access line = access.get(requestId);
            assertThat(line.method()).isEqualTo(reply.method());
            assertThat(line.status()).as(reply.toString()).isEqualTo(reply.status());
            assertThat(line.durationMs()).isNotNegative();
            assertThat(line.route()).as("a route template, never the path").doesNotContain("?")
                    .matches(route -> route.equals("(unmatched)") || pathMatches(route, reply.path()), "the request's route");
            if (reply.path().startsWith("/v1/cards/")) {
                tillRoutes.add(line.route() + " " + line.principal());
            }
        });
        assertThat(tillRoutes).as("card lookups: the template, and the till's key id when the key was valid")
                .anyMatch(r -> r.matches("/v1/cards/\\{cardNumber} key_\\w+"))
                .anyMatch(r -> r.equals("/v1/cards/{cardNumber} -"));
        assertThat(access.values()).as("members and staff are logged by user id")
                .anyMatch(a -> a.route().equals("/v1/me") && a.principal().startsWith("usr_"));
    }

    /** Whether a template such as /v1/cards/{cardNumber} matches a path sent. */
    private static boolean pathMatches(String template, String sent) {
        String path = sent.contains("?") ? sent.substring(0, sent.indexOf('?')) : sent;
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return path.matches(regex);
    }
}

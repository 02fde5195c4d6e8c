package org.timeledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.RawHttp;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.World;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;
import org.timeledger.query.Cursors;
import org.timeledger.web.Idempotency;

/**
 * An HTTP fuzzer driven by openapi.yml. For every operation it starts from a request that
 * would succeed (built from real fixtures, sent as a caller the operation's {@code x-roles}
 * admits) and breaks one thing at a time: the transport (bad escapes, invalid UTF-8, oversized
 * lines and headers, lying or ambiguous framing), the credentials, the path parameters, the query
 * parameters, the Idempotency-Key, the body as a whole (not JSON, wrong Content-Type, too
 * large, nested too deep) and each field of it as its schema describes (wrong type, missing,
 * out of range, too long, SQL and script where an id, a code or a typed value belongs).
 * <p>
 * Every answer must be a 4xx {@code application/problem+json} with the fields openapi.yml promises
 * and the security headers (a transport case's also an {@code X-Request-Id}); nothing may have
 * happened to the books. All failures are collected and reported together.
 */
public abstract class ApiFuzzTests extends ServiceTest {
    static final int MIN_CASES = 50;
    private static final String SQL = "' OR 1=1 --";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String RAW = "__RAW__";
    private static final int ONE_MB = 1024 * 1024;
    /** Strings that say what they are; every other string field holds an id, a code or a typed value. */
    private static final List<String> FREE_TEXT = List.of("name", "displayName", "ward", "memo", "description", "title",
            "reason", "label", "tillReference", "message", "postalAddress", "notes");
    private static final List<String> COUNTED = List.of("journal_entry", "posting", "account", "member", "organisation",
            "partner", "app_user", "activity", "hold", "offer", "redemption", "refund", "settlement", "category",
            "opportunity", "beneficiary", "vetting_check", "api_key", "scheme", "listing", "listing_response",
            "listing_match", "exchange", "payment_request", "account_floor_change");

    private World world;
    private RawHttp http;
    private OpenAPI contract;
    private final Map<String, Base> bases = new LinkedHashMap<>();

    /** A request that would succeed: the starting point every variant breaks one thing of. */
    private record Base(String role, String method, String template, Map<String, String> path, Map<String, String> query,
                        boolean key, String contentType, byte[] body, ObjectNode json, Schema<?> schema,
                        boolean bodyRequired) {
        Base withBody(String type, byte[] raw) {
            return new Base(role, method, template, path, query, key, type, raw, null, null, true);
        }

        Base withQuery(Map<String, String> q) {
            return new Base(role, method, template, path, q, key, contentType, body, json, schema, bodyRequired);
        }
    }

    /**
     * One malformed request; {@code expected} is a status it must get, or null for any 4xx; {@code field},
     * when not null, the field its problem must name (as the request names it).
     */
    private record Variant(String group, String name, byte[] head, byte[] body, Integer expected, String field) {
    }

    private record Failure(String operation, String variant, int status, String why, String body) {
        @Override
        public String toString() {
            return operation + " [" + variant + "] -> " + status + ": " + why + "\n      "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    @BeforeAll
    void buildTheWorld() {
        world = new World(this);
        http = new RawHttp("localhost", server.getPort());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        contract = new OpenAPIV3Parser().read("openapi.yml", null, options);
        defineBases();
    }

    // ---- the run ----

    @Test
    void everyOperationRefusesEveryMalformedRequestWithAProblem() throws Exception {
        Map<String, Long> rowsBefore = rowCounts();
        JsonNode booksBefore = books(reconcile(world.code));
        assertThat(booksBefore.get("balanced").asBoolean()).as(booksBefore.toString()).isTrue();

        List<Failure> failures = new ArrayList<>();
        Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        Map<String, int[]> cases = new TreeMap<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            Base base = bases.get(name);
            assertThat(base).as("the fuzzer has no valid request for " + name + ": add one to defineBases()").isNotNull();
            Map<String, Integer> counts = statuses.computeIfAbsent(name, k -> new TreeMap<>());
            int[] tally = cases.computeIfAbsent(name, k -> new int[2]);
            for (Variant v : variants(operation, base)) {
                RawHttp.Answer answer = http.send(v.head(), v.body());
                counts.merge(String.valueOf(answer.status()), 1, Integer::sum);
                tally[v.group().equals("transport") ? 0 : 1]++;
                String why = judge(v, answer);
                if (why != null) {
                    failures.add(new Failure(name, v.group() + ": " + v.name(), answer.status(), why,
                            answer.failure() != null ? answer.failure() : answer.text()));
                }
            }
            // every status the operation answered is one its entry in openapi.yml lists
            counts.keySet().stream().filter(status -> !operation.getResponses().containsKey(status))
                    .forEach(status -> failures.add(new Failure(name, "statuses", Integer.parseInt(status),
                            "not listed for the operation in openapi.yml", "")));
        }));

        printSummary(cases, statuses, failures);
        assertThat(failures).as(failures.size() + " malformed requests were not refused with a 4xx problem:\n"
                + String.join("\n", failures.stream().map(Failure::toString).toList())).isEmpty();
        assertThat(rowCounts()).as("rows after the fuzz run").isEqualTo(rowsBefore);
        assertThat(books(reconcile(world.code))).as("the books after the fuzz run").isEqualTo(booksBefore);
        cases.forEach((operation, tally) -> assertThat(tally[0] + tally[1]).as("cases for " + operation)
                .isGreaterThanOrEqualTo(MIN_CASES));
        assertThat(statuses.values().stream().flatMap(m -> m.keySet().stream()).filter(s -> s.startsWith("5")))
                .as("5xx answers").isEmpty();
    }

    /** Null if the answer is a proper refusal, else what is wrong with it. */
    private static String judge(Variant v, RawHttp.Answer answer) {
        int status = answer.status();
        if (status < 0) {
            return "no readable answer";
        }
        if (status < 400 || status >= 500) {
            return "expected a 4xx";
        }
        if (v.expected() != null && status != v.expected()) {
            return "expected " + v.expected();
        }
        // also where the HTTP layer or route matching refused the request before any filter ran
        if (answer.header("x-request-id").isEmpty()) {
            return "no X-Request-Id";
        }
        if (!answer.header("x-content-type-options").orElse("").equals("nosniff")) {
            return "no security headers";
        }
        String type = answer.header("content-type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type is '" + type + "', not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(answer.body());
        } catch (IOException e) {
            return "the body is not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "the body is not a JSON object";
        }
        for (String field : List.of("type", "title", "code", "detail")) {
            if (!problem.path(field).isTextual() || problem.path(field).asText().isBlank()) {
                return "the problem has no " + field;
            }
        }
        if (problem.path("status").asInt() != status) {
            return "the problem's status is " + problem.path("status") + ", the response's " + status;
        }
        if (v.field() != null) {
            List<String> named = new ArrayList<>();
            problem.path("errors").forEach(e -> named.add(e.path("field").asText()));
            if (!named.contains(v.field())) {
                return "the problem names the fields " + named + ", not " + v.field();
            }
        }
        return null;
    }

    private static void printSummary(Map<String, int[]> cases, Map<String, Map<String, Integer>> statuses,
                                     List<Failure> failures) {
        StringBuilder out = new StringBuilder("\nAPI fuzz: cases per operation (transport + operation-specific)\n");
        out.append(String.format("%-52s %5s %5s %6s  %s%n", "operation", "trans", "spec", "total", "statuses"));
        int total = 0;
        int min = Integer.MAX_VALUE;
        Map<String, Integer> all = new TreeMap<>();
        for (var e : cases.entrySet()) {
            int sum = e.getValue()[0] + e.getValue()[1];
            total += sum;
            min = Math.min(min, sum);
            statuses.get(e.getKey()).forEach((s, n) -> all.merge(s, n, Integer::sum));
            out.append(String.format("%-52s %5d %5d %6d  %s%n", e.getKey(), e.getValue()[0], e.getValue()[1], sum,
                    statuses.get(e.getKey())));
        }
        out.append(String.format("%d operations, %d cases (min %d per operation), statuses %s, %d failures%n",
                cases.size(), total, min, all, failures.size()));
        out.append(String.join("\n", failures.stream().map(Failure::toString).toList()));
        System.out.println(out);
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = sql(); Statement s = c.createStatement()) {
            for (String table : COUNTED) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The reconciliation without the moment it was made. */
    private static JsonNode books(JsonNode reconciliation) {
        ObjectNode copy = reconciliation.deepCopy();
        List<String> times = new ArrayList<>();
        copy.fieldNames().forEachRemaining(f -> {
            if (f.endsWith("At")) {
                times.add(f);
            }
        });
        times.forEach(copy::remove);
        return copy;
    }

    // ---- the valid requests ----

    private void defineBases() {
        String code = world.code;
        String other = world.otherMemberId;
        String today = World.today();
        Api admin = this.admin;
        String otherLogin = "fuzz-logout-" + database.kind();
        expect(admin.post("/v1/schemes/" + code + "/staff", object("username", otherLogin, "password", "staff-password-1",
                "role", "AUDITOR")), 201);
        String logoutToken = anonymous.post("/login", object("username", otherLogin, "password", "staff-password-1"))
                .field("refresh_token");
        String staffId = admin.post("/v1/schemes/" + code + "/staff", object("username", "fuzz-linked-" + database.kind(),
                "password", "staff-password-1", "role", "AUDITOR")).field("id");
        JsonNode forgotten = registerMember(code, "To be forgotten");
        String spareKey = admin.post("/v1/partners/" + world.partnerId + "/api-keys", object("label", "spare")).field("id");
        String reversible = issue(world.scheme, world.otherAccount, 1).get("id").asText();
        String held = world.redemption(false);
        String heldForVoid = world.redemption(false);
        String captured = world.redemption(true);
        String pending = world.logActivity(other);
        String relativeCard = registerMember(code, "Relative").get("cardNumber").asText();
        String beneficiary = world.namedBeneficiary();
        String activationCode = registerMember(code, "New").get("activationCode").asText();

        base("POST /login", "ANONYMOUS", Map.of(), Map.of(), false,
                object("username", world.loginUsername, "password", world.loginPassword));
        base("POST /logout", "ANONYMOUS", Map.of(), Map.of(), false, object("refresh_token", logoutToken));
        base("POST /oauth/access_token", "ANONYMOUS", Map.of(), Map.of(), false,
                object("grant_type", "refresh_token", "refresh_token", world.refreshToken));
        base("GET /oauth/access_token", "ANONYMOUS", Map.of(), Map.of("grant_type", "refresh_token",
                "refresh_token", world.refreshToken), false, null);
        base("POST /v1/activation", "ANONYMOUS", Map.of(), Map.of(), false, object("code", activationCode,
                "username", "fuzz-activated-" + database.kind(), "password", "member-password-1"));
        base("GET /health", "ANONYMOUS", Map.of(), Map.of(), false, null);
        base("GET /health/{probe}", "ANONYMOUS", Map.of("probe", "readiness"), Map.of(), false, null);
        base("GET /metrics", "ANONYMOUS", Map.of(), Map.of(), false, null);
        base("POST /v1/schemes", null, Map.of(), Map.of(), false, object("code", "fuzz-" + database.kind(),
                "name", "Fuzz", "memberFloorMinutes", -60, "holdMinutes", 15, "backdateDays", 30,
                "weeklyEarnCapMinutes", 600, "allocationsRequired", false, "timeZone", "Europe/London", "issuanceAccounts", 1));
        base("GET /v1/schemes/{code}", null, Map.of("code", code), Map.of(), false, null);
        base("GET /v1/schemes", null, Map.of(), Map.of("limit", "10"), false, null);
        // its own scheme: a change of rules would otherwise change those the other requests meet
        String settings = createScheme("memberFloorMinutes", -60, "lowestMemberFloorMinutes", -120).get("code").asText();
        base("PATCH /v1/schemes/{code}", null, Map.of("code", settings), Map.of(), false, object("name", "Fuzz settings",
                "memberFloorMinutes", -60, "holdMinutes", 15, "backdateDays", 30, "weeklyEarnCapMinutes", 600,
                "allocationsRequired", false, "timeZone", "Europe/London", "paymentRequestDays", 14,
                "lowestMemberFloorMinutes", -120));
        base("GET /v1/schemes/{code}/settings/history", null, Map.of("code", settings), Map.of("limit", "10"), false, null);
        base("GET /v1/schemes/{code}/audit", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("POST /v1/schemes/{code}/members", null, Map.of("code", code), Map.of(), false,
                object("displayName", "Someone", "ward", "North"));
        base("GET /v1/schemes/{code}/members", null, Map.of("code", code), Map.of("limit", "10", "q", "some",
                "status", "ACTIVE"), false, null);
        base("GET /v1/members/{id}", null, Map.of("id", other), Map.of(), false, null);
        base("GET /v1/members/{id}/card/qr", null, Map.of("id", other), Map.of(), false, null);
        base("PATCH /v1/members/{id}", null, Map.of("id", other), Map.of(), false, object("phone", "+44 (0)1632 960123",
                "email", "fuzz@example.org", "postalAddress", "1 Fuzz Lane", "preferredContact", "EMAIL", "notes", "fuzz"));
        String leaving = registerMember(code, "Leaving").get("id").asText();
        base("POST /v1/members/{id}/deactivation", null, Map.of("id", leaving), Map.of(), false,
                object("reason", "Moved away"));
        base("POST /v1/members/{id}/reactivation", null, Map.of("id", leaving), Map.of(), false, null);
        base("GET /v1/me/card/qr", "MEMBER", Map.of(), Map.of(), false, null);
        base("GET /v1/session", null, Map.of(), Map.of(), false, null);
        base("GET /", "ANONYMOUS", Map.of(), Map.of(), false, null);
        base("GET /v1/public/schemes/{code}/checkpoints", "ANONYMOUS", Map.of("code", code), Map.of("limit", "10"), false, null);
        base("GET /v1/schemes/{code}/checkpoints/{id}/verification", null, Map.of("code", code, "id", world.checkpoint),
                Map.of(), false, null);
        base("GET /v1/schemes/{code}/organisations", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("GET /v1/schemes/{code}/partners", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("POST /v1/schemes/{code}/organisations", null, Map.of("code", code), Map.of(), false,
                object("name", "Group", "ward", "North"));
        base("GET /v1/organisations/{id}", null, Map.of("id", world.organisation), Map.of(), false, null);
        base("POST /v1/schemes/{code}/partners", null, Map.of("code", code), Map.of(), false, object("name", "Shop"));
        base("GET /v1/partners/{id}", null, Map.of("id", world.partnerId), Map.of(), false, null);
        base("POST /v1/schemes/{code}/transfers", null, Map.of("code", code), Map.of(), true,
                object("fromAccountId", world.otherAccount, "toAccountId", world.member.accountId(), "amountMinutes", 1,
                        "type", "GIFT", "memo", "fuzz"));
        base("GET /v1/entries/{id}", null, Map.of("id", world.otherEntry), Map.of(), false, null);
        base("POST /v1/entries/{id}/reversal", null, Map.of("id", reversible), Map.of(), true, object("reason", "fuzz"));
        base("GET /v1/accounts/{id}", null, Map.of("id", world.otherAccount), Map.of(), false, null);
        base("GET /v1/accounts/{id}/postings", null, Map.of("id", world.otherAccount), Map.of("limit", "10",
                "format", "json"), false, null);
        base("GET /v1/accounts/{id}/balance", null, Map.of("id", world.otherAccount),
                Map.of("asOf", "2026-01-01T00:00:00Z"), false, null);
        base("GET /v1/schemes/{code}/reports/summary", null, Map.of("code", code), Map.of("from", "2026-01-01",
                "to", today, "format", "json"), false, null);
        base("GET /v1/public/schemes/{code}/summary", "ANONYMOUS", Map.of("code", code), Map.of(), false, null);
        base("GET /v1/schemes/{code}/export/journal", null, Map.of("code", code), Map.of("from", "2026-01-01",
                "to", today), false, null);
        base("GET /v1/schemes/{code}/export/contacts", null, Map.of("code", code), Map.of(), false, null);
        base("GET /v1/schemes/{code}/reconciliation", null, Map.of("code", code), Map.of(), false, null);
        base("GET /v1/schemes/{code}/events", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("POST /v1/schemes/{code}/staff", null, Map.of("code", code), Map.of(), false, object("username",
                "fuzz-staff-" + database.kind(), "password", "staff-password-1", "role", "COORDINATOR",
                "organisationIds", List.of(world.organisation)));
        base("PUT /v1/staff/{id}/member", null, Map.of("id", staffId), Map.of(), false, object("memberId", other));
        base("GET /v1/schemes/{code}/staff", null, Map.of("code", code), Map.of("status", "ACTIVE", "limit", "10"),
                false, null);
        String coordinatorId = admin.post("/v1/schemes/" + code + "/staff", object("username", "fuzz-managed-"
                + database.kind(), "password", "staff-password-1", "role", "COORDINATOR",
                "organisationIds", List.of(world.organisation))).field("id");
        base("PATCH /v1/staff/{id}", null, Map.of("id", coordinatorId), Map.of(), false, object("role", "COORDINATOR",
                "organisationIds", List.of(world.organisation)));
        base("POST /v1/staff/{id}/deactivation", null, Map.of("id", coordinatorId), Map.of(), false,
                object("reason", "fuzz"));
        base("POST /v1/staff/{id}/reactivation", null, Map.of("id", coordinatorId), Map.of(), false, null);
        base("POST /v1/staff/{id}/password-reset", null, Map.of("id", coordinatorId), Map.of(), false, null);
        String resetUser = "fuzz-reset-" + database.kind();
        String resetId = admin.post("/v1/schemes/" + code + "/staff", object("username", resetUser, "password",
                "staff-password-1", "role", "AUDITOR")).field("id");
        String resetCode = admin.post("/v1/staff/" + resetId + "/password-reset", null).field("code");
        base("POST /v1/password-reset", "ANONYMOUS", Map.of(), Map.of(), false, object("username", resetUser,
                "code", resetCode, "newPassword", "a-new-password-1"));
        // as the member, whose password the variants must never change
        base("POST /v1/me/password", "MEMBER", Map.of(), Map.of(), false, object("currentPassword",
                world.member.password(), "newPassword", "a-new-password-1"));
        base("DELETE /v1/members/{id}/personal-data", null, Map.of("id", forgotten.get("id").asText()),
                Map.of("keepBalance", "false"), true, null);
        base("POST /v1/members/{id}/activation-code", null, Map.of("id", other), Map.of(), false, null);
        base("POST /v1/partners/{id}/api-keys", null, Map.of("id", world.partnerId), Map.of(), false,
                object("label", "till"));
        base("GET /v1/partners/{id}/api-keys", null, Map.of("id", world.partnerId), Map.of(), false, null);
        base("DELETE /v1/api-keys/{id}", null, Map.of("id", spareKey), Map.of(), false, null);
        base("GET /v1/me", null, Map.of(), Map.of(), false, null);
        base("GET /v1/me/postings", null, Map.of(), Map.of("limit", "10", "format", "json"), false, null);
        base("POST /v1/me/gifts", null, Map.of(), Map.of(), true, object("toMemberId", other, "amountMinutes", 1,
                "memo", "fuzz"));
        base("POST /v1/me/donations", null, Map.of(), Map.of(), true, object("toCommunityPot", true, "amountMinutes", 1,
                "memo", "fuzz"));
        base("POST /v1/me/beneficiaries", null, Map.of(), Map.of(), false, object("cardNumber", relativeCard));
        base("GET /v1/me/beneficiaries", null, Map.of(), Map.of(), false, null);
        base("GET /v1/me/recipients/{cardNumber}", null, Map.of("cardNumber", relativeCard), Map.of(), false, null);
        base("DELETE /v1/me/beneficiaries/{memberId}", null, Map.of("memberId", beneficiary), Map.of(), false, null);
        base("POST /v1/me/card/replacement", null, Map.of(), Map.of(), false, null);
        base("POST /v1/schemes/{code}/grants", null, Map.of("code", code), Map.of(), true,
                object("memberId", other, "amountMinutes", 1, "memo", "fuzz"));
        base("POST /v1/schemes/{code}/categories", null, Map.of("code", code), Map.of(), false,
                object("code", "fuzz", "name", "Fuzzing", "requiresVetting", false));
        base("GET /v1/schemes/{code}/categories", null, Map.of("code", code), Map.of(), false, null);
        base("PUT /v1/members/{id}/vetting", null, Map.of("id", other), Map.of(), false, object("status", "CLEARED",
                "checkedOn", today, "expiresOn", LocalDate.parse(today).plusYears(1).toString()));
        base("GET /v1/members/{id}/vetting", null, Map.of("id", other), Map.of(), false, null);
        base("POST /v1/schemes/{code}/activities", null, Map.of("code", code), Map.of(), true, object("memberId", other,
                "organisationId", world.organisation, "date", today, "minutes", 1, "categoryCode", world.category,
                "description", "fuzz"));
        base("GET /v1/schemes/{code}/activities", null, Map.of("code", code), Map.of("status", "PENDING",
                "organisationId", world.organisation, "memberId", other, "from", "2026-01-01", "to", today,
                "limit", "10"), false, null);
        base("POST /v1/schemes/{code}/activities/register", null, Map.of("code", code), Map.of(), true,
                object("organisationId", world.organisation, "date", today, "minutes", 1, "categoryCode", world.category,
                        "description", "fuzz", "memberIds", List.of(other), "approve", false));
        base("GET /v1/me/activities", null, Map.of(), Map.of("status", "PENDING", "from", "2026-01-01", "to", today,
                "limit", "10"), false, null);
        base("GET /v1/activities/{id}", null, Map.of("id", world.otherActivity), Map.of(), false, null);
        base("POST /v1/activities/{id}/approval", null, Map.of("id", pending), Map.of(), true, null);
        String toUndo = world.logActivity(other);
        expect(admin.post("/v1/activities/" + toUndo + "/approval", null, "Idempotency-Key", newKey()), 200);
        base("POST /v1/activities/{id}/reversal", null, Map.of("id", toUndo), Map.of(), true, object("reason", "fuzz"));
        base("POST /v1/activities/{id}/rejection", null, Map.of("id", pending), Map.of(), false, object("reason", "fuzz"));
        base("POST /v1/schemes/{code}/allocations", null, Map.of("code", code), Map.of(), true,
                object("organisationId", world.organisation, "amountMinutes", 1, "memo", "fuzz"));
        base("POST /v1/schemes/{code}/opportunities", null, Map.of("code", code), Map.of(), false,
                object("organisationId", world.organisation, "title", "Fuzz afternoon", "date", today,
                        "signupAwardMinutes", 1, "attendanceAwardMinutes", 1, "categoryCode", world.category));
        base("GET /v1/schemes/{code}/opportunities", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("GET /v1/opportunities/{id}", null, Map.of("id", world.opportunity), Map.of(), false, null);
        base("POST /v1/opportunities/{id}/signups", null, Map.of("id", world.opportunity), Map.of(), true,
                object("memberId", registerMember(code, "Signing up").get("id").asText()));
        base("POST /v1/opportunities/{id}/attendance", null, Map.of("id", world.opportunity), Map.of(), true,
                object("memberIds", List.of(registerMember(code, "Attending").get("id").asText())));
        String listing = admin.post("/v1/schemes/" + code + "/listings", object("kind", "OFFER", "categoryCode",
                world.category, "title", "Fuzz help", "description", "Any afternoon", "memberId", other)).field("id");
        base("POST /v1/schemes/{code}/listings", null, Map.of("code", code), Map.of(), false, object("kind", "REQUEST",
                "categoryCode", world.category, "title", "Fuzz request", "description", "Any morning", "ward", "North",
                "expiresOn", LocalDate.parse(today).plusDays(30).toString(), "memberId", other));
        base("GET /v1/schemes/{code}/listings", null, Map.of("code", code), Map.of("kind", "OFFER", "categoryCode",
                world.category, "ward", "North", "q", "help", "limit", "10"), false, null);
        base("GET /v1/me/listings", "MEMBER", Map.of(), Map.of("limit", "10"), false, null);
        base("GET /v1/listings/{id}", null, Map.of("id", listing), Map.of(), false, null);
        base("PATCH /v1/listings/{id}", null, Map.of("id", listing), Map.of(), false, object("title", "Fuzz change",
                "description", "Any evening", "ward", "South", "expiresOn", LocalDate.parse(today).plusDays(10).toString(),
                "categoryCode", world.category));
        base("POST /v1/listings/{id}/closure", null, Map.of("id", listing), Map.of(), false, null);
        base("POST /v1/listings/{id}/responses", "MEMBER", Map.of("id", listing), Map.of(), false,
                object("message", "I can help"));
        base("GET /v1/listings/{id}/responses", null, Map.of("id", listing), Map.of("limit", "10"), false, null);
        base("POST /v1/listings/{id}/matches", null, Map.of("id", listing), Map.of(), false,
                object("memberId", world.member.memberId()));
        base("POST /v1/partners/{id}/offers", null, Map.of("id", world.partnerId), Map.of(), false,
                object("title", "Gym session", "amountMinutes", 30, "weeklyQuota", 10, "active", true));
        base("GET /v1/partners/{id}/offers", null, Map.of("id", world.partnerId), Map.of(), false, null);
        base("PATCH /v1/offers/{id}", null, Map.of("id", world.offer), Map.of(), false, object("title", "Matrix swim"));
        base("GET /v1/schemes/{code}/offers", null, Map.of("code", code), Map.of("limit", "10"), false, null);
        base("GET /v1/cards/{cardNumber}", null, Map.of("cardNumber", world.memberCard()), Map.of(), false, null);
        base("POST /v1/members/{id}/card/replacement", null, Map.of("id", other), Map.of(), false, null);
        base("POST /v1/redemptions", null, Map.of(), Map.of(), true, object("cardNumber", world.memberCard(),
                "amountMinutes", 1, "tillReference", "fuzz", "capture", false));
        base("GET /v1/redemptions/{id}", null, Map.of("id", held), Map.of(), false, null);
        base("POST /v1/redemptions/{id}/capture", null, Map.of("id", held), Map.of(), true, object("amountMinutes", 1));
        base("POST /v1/redemptions/{id}/void", null, Map.of("id", heldForVoid), Map.of(), true, null);
        base("POST /v1/redemptions/{id}/refunds", null, Map.of("id", captured), Map.of(), true,
                object("amountMinutes", 1, "reason", "fuzz"));
        base("GET /v1/partners/{id}/redemptions", null, Map.of("id", world.partnerId), Map.of("from",
                "2026-01-01T00:00:00Z", "to", "2999-01-01T00:00:00Z", "format", "json"), false, null);
        base("POST /v1/partners/{id}/settlements", null, Map.of("id", world.partnerId), Map.of(), true,
                object("upTo", Instant.now().toString()));
        base("GET /v1/partners/{id}/settlements", null, Map.of("id", world.partnerId), Map.of(), false, null);

        String toConfirm = world.paymentRequestToMember();
        String toDecline = world.paymentRequestToMember();
        String toCancel = world.paymentRequestByMember();
        base("POST /v1/me/exchanges", null, Map.of(), Map.of(), true, world.help("toMemberId", other));
        base("GET /v1/me/exchanges", null, Map.of(), Map.of("limit", "10"), false, null);
        Map<String, Object> staffExchange = new LinkedHashMap<>(world.help("toMemberId", world.member.memberId()));
        staffExchange.put("fromMemberId", other);
        base("POST /v1/schemes/{code}/exchanges", null, Map.of("code", code), Map.of(), true, staffExchange);
        base("GET /v1/schemes/{code}/exchanges", null, Map.of("code", code), Map.of("memberId", other, "categoryCode",
                world.category, "from", "2026-01-01", "to", "2999-12-31", "limit", "10"), false, null);
        base("POST /v1/me/payment-requests", null, Map.of(), Map.of(), false, world.help("fromMemberId", other));
        base("GET /v1/me/payment-requests", null, Map.of(), Map.of("direction", "incoming", "status", "PENDING",
                "limit", "10"), false, null);
        base("POST /v1/payment-requests/{id}/confirmation", null, Map.of("id", toConfirm), Map.of(), true, null);
        base("POST /v1/payment-requests/{id}/decline", null, Map.of("id", toDecline), Map.of(), false,
                object("reason", "fuzz"));
        base("POST /v1/payment-requests/{id}/cancellation", null, Map.of("id", toCancel), Map.of(), false, null);
        base("PUT /v1/members/{id}/limits", null, Map.of("id", other), Map.of(), false,
                object("floorMinutes", 0, "reason", "fuzz"));
        base("GET /v1/members/{id}/limits", null, Map.of("id", other), Map.of(), false, null);
    }

    /** A valid request for the operation, by its first admitted role (or the one given). */
    private void base(String operation, String role, Map<String, String> path, Map<String, String> query, boolean key,
                      Map<String, Object> body) {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(method.length() + 1);
        Operation op = contract.getPaths().get(template).readOperationsMap().get(
                io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method));
        assertThat(op).as(operation + " in openapi.yml").isNotNull();
        String caller = role != null ? role : String.valueOf(((List<?>) op.getExtensions().get("x-roles")).get(0));
        ObjectNode json = body == null ? null : Api.JSON.valueToTree(body);
        Schema<?> schema = null;
        boolean required = false;
        if (op.getRequestBody() != null) {
            MediaType media = op.getRequestBody().getContent().get("application/json");
            schema = media == null ? null : media.getSchema();
            required = Boolean.TRUE.equals(op.getRequestBody().getRequired());
        }
        bases.put(operation, new Base(caller, method, template, new LinkedHashMap<>(path), new LinkedHashMap<>(query), key,
                json == null ? null : "application/json", json == null ? null : bytes(json), json, schema, required));
    }

    // ---- the variants ----

    private List<Variant> variants(Operation operation, Base base) {
        List<Variant> out = new ArrayList<>();
        transport(base, out);
        if (!base.role().equals("ANONYMOUS")) {
            credentials(base, out);
        }
        accept(operation, base, out);
        pathParameters(base, out);
        queryParameters(operation, base, out);
        if (base.key()) {
            idempotencyKey(base, out);
        }
        if (base.json() != null) {
            wholeBody(base, out);
            fields(base, out);
        }
        if (base.template().endsWith("/activities/register")) {
            csvRegister(base, out);
        }
        return out;
    }

    /** Malformed HTTP itself, the same for every operation. */
    private void transport(Base base, List<Variant> out) {
        Request valid = request(base);
        for (String escape : List.of("%", "%z", "%zz", "%0", "%g1", "%u0041")) {
            out.add(valid.copy().pathSuffix(escape).variant("transport", "bad escape '" + escape + "' in the path"));
            out.add(valid.copy().queryAppend("x=" + escape).variant("transport", "bad escape '" + escape + "' in a query value"));
        }
        out.add(valid.copy().pathSuffix("%00").variant("transport", "NUL in the path"));
        out.add(valid.copy().queryAppend("x=%00").variant("transport", "NUL in a query value"));
        out.add(valid.copy().queryAppend("%00=x").variant("transport", "NUL in a query name"));
        for (String utf8 : List.of("%FF", "%C3%28", "%ED%A0%80", "%C0%AF", "%80", "%F8%88%80%80%80", "%E0%80%AF",
                "%F4%90%80%80")) {
            out.add(valid.copy().pathSuffix(utf8).variant("transport", "invalid UTF-8 " + utf8 + " in the path"));
            out.add(valid.copy().queryAppend("x=" + utf8).variant("transport", "invalid UTF-8 " + utf8 + " in a query value"));
        }
        for (String raw : List.of("\u00ff\u00fe", "\u00c3\u0028", "\u0001", "\u0000", "\u007f")) {
            String shown = raw.chars().mapToObj(c -> String.format("%02X", c)).reduce("", String::concat);
            out.add(valid.copy().pathSuffix(raw).variant("transport", "raw bytes " + shown + " in the path"));
            out.add(valid.copy().queryAppend("x=" + raw).variant("transport", "raw bytes " + shown + " in the query"));
        }
        out.add(valid.copy().queryAppend("pad=" + "a".repeat(9_000)).variant("transport", "request line of 9 KB", 414));
        out.add(valid.copy().queryAppend("pad=" + "a".repeat(ONE_MB)).variant("transport", "request line of 1 MB", 414));
        out.add(valid.copy().header("X-Pad", "a".repeat(9_000)).variant("transport", "header of 9 KB", 431));
        out.add(valid.copy().header("X-Pad", "a".repeat(ONE_MB)).variant("transport", "header of 1 MB", 431));
        Request many = valid.copy();
        for (int i = 0; i < 300; i++) {
            many.header("X-Pad-" + i, "a".repeat(60));
        }
        out.add(many.variant("transport", "300 headers", 431));
        // framing a proxy in front could read otherwise (request smuggling)
        out.add(valid.copy().rawHeaderLine("Content-Length: 5").rawHeaderLine("Transfer-Encoding: chunked")
                .rawBody("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).variant("transport", "Content-Length and Transfer-Encoding", 400));
        out.add(valid.copy().rawHeaderLine("Transfer-Encoding: gzip").variant("transport", "Transfer-Encoding gzip", 400));
        out.add(valid.copy().rawHeaderLine("X-Note: one").rawHeaderLine(" two").variant("transport", "a folded header line", 400));
        out.add(valid.copy().header("Content-Length", "abc").variant("transport", "Content-Length abc"));
        out.add(valid.copy().header("Content-Length", "-1").variant("transport", "Content-Length -1"));
        out.add(valid.copy().rawHeaderLine("Content-Length: 3").rawHeaderLine("Content-Length: 4")
                .variant("transport", "two different Content-Lengths"));
        if (base.body() != null) {
            // a route without a body never reads one, so only where there is one is its framing judged
            out.add(valid.copy().header("Transfer-Encoding", "chunked").rawBody("zz\r\nabc\r\n0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)).variant("transport", "a chunk of size 'zz'"));
        }
        out.add(valid.copy().rawHeaderLine("X-No-Colon").variant("transport", "a header line without a colon"));
        out.add(valid.copy().rawHeaderLine("X Bad Name: x").variant("transport", "a header name with spaces"));
        out.add(valid.copy().version("HTTP/1.1x").variant("transport", "HTTP version 'HTTP/1.1x'"));
    }

    /** Broken credentials from the admitted caller. */
    private void credentials(Base base, List<Variant> out) {
        String[] credentials = world.client(base.role()).credentials();
        Request valid = request(base);
        if (credentials[0].equals("X-API-Key")) {
            String key = credentials[1];
            for (String[] bad : List.of(new String[] {"empty", ""}, new String[] {"garbage", "garbage"},
                    new String[] {"SQL", SQL}, new String[] {"last character changed", changeLast(key)},
                    new String[] {"truncated", key.substring(0, key.length() / 2)},
                    new String[] {"5 KB", key + "x".repeat(5_000)}, new String[] {"raw byte FF", key + "\u00ff"},
                    new String[] {"script", SCRIPT})) {
                out.add(valid.copy().header("X-API-Key", bad[1]).variant("credentials", "X-API-Key " + bad[0]));
            }
            return;
        }
        String token = credentials[1].substring("Bearer ".length());
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"roles\":\\[[^]]*]", "\"roles\":[\"ADMIN_ALL_SCHEMES\",\"ADMIN\"]");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("Bearer without a token", "Bearer");
        bad.put("Bearer garbage", "Bearer garbage");
        bad.put("Bearer a.b.c", "Bearer a.b.c");
        bad.put("signature changed", "Bearer " + parts[0] + "." + parts[1] + "." + changeFirst(parts[2]));
        bad.put("claims forged, signature kept", "Bearer " + parts[0] + "." + b64(forged) + "." + parts[2]);
        bad.put("alg none", "Bearer " + b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        bad.put("signed with another key", "Bearer " + sign(payload, "another-secret-that-is-long-enough-for-hs256", null));
        bad.put("expired", "Bearer " + sign(payload, JWT_SECRET, Instant.now().minusSeconds(3_600)));
        bad.put("SQL", "Bearer " + SQL);
        bad.put("two tokens", "Bearer " + token + " " + token);
        bad.put("Basic", "Basic " + b64("admin:" + ADMIN_PASSWORD));
        bad.put("5 KB token", "Bearer " + token + "A".repeat(5_000));
        bad.forEach((name, value) -> out.add(valid.copy().header("Authorization", value).variant("credentials", name)));
    }

    /** An Accept the operation cannot produce: 406 from every route our controllers serve. */
    private void accept(Operation operation, Base base, List<Variant> out) {
        if (base.template().startsWith("/health") || base.template().equals("/oauth/access_token") && base.method().equals("GET")) {
            return; // management endpoints answer JSON whatever is asked for; GET /oauth/access_token is 405 anyway
        }
        List<String> produced = new ArrayList<>();
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                produced.addAll(response.getContent().keySet());
            }
        });
        if (produced.isEmpty()) {
            return; // nothing to send back (204): nothing to negotiate
        }
        for (String type : List.of("application/xml", "image/png", "text/html")) {
            if (!produced.contains(type)) {
                // 406, or 415 where the route is chosen by Content-Type as well (the register)
                out.add(request(base).header("Accept", type).variant("accept", "Accept " + type));
            }
        }
    }

    private void pathParameters(Base base, List<Variant> out) {
        for (var parameter : base.path().entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("unknown of the right shape", encode(unknownLike(value)));
            bad.put("an id of another kind", encode(value.equals(world.partnerId) ? world.otherMemberId : world.partnerId));
            bad.put("SQL", encode(SQL));
            bad.put("SQL batch", encode("1; DROP TABLE account"));
            bad.put("script", encode(SCRIPT));
            bad.put("template", encode("${jndi:ldap://x/a}{{7*7}}"));
            bad.put("invalid UTF-8 C3 28", "%C3%28");
            bad.put("invalid UTF-8 FF FE", "%FF%FE");
            bad.put("300 characters", "a".repeat(300));
            bad.put("5,000 characters", "b".repeat(5_000));
            bad.put("path traversal", "..%2F..%2Fetc%2Fpasswd");
            bad.put("blank", "%20");
            bad.put("wildcards", "%25%2A_");
            bad.put("non-ASCII", encode("mém_ünïcode"));
            bad.forEach((what, raw) -> {
                Base broken = new Base(base.role(), base.method(), base.template(), with(base.path(), name, null), base.query(),
                        base.key(), base.contentType(), base.body(), base.json(), base.schema(), base.bodyRequired());
                out.add(request(broken).rawPathParameter(name, raw).variant("path", name + ": " + what));
            });
        }
    }

    private void queryParameters(Operation operation, Base base, List<Variant> out) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (!"query".equals(parameter.getIn())) {
                continue;
            }
            String name = parameter.getName();
            if (base.template().endsWith("/activities/register")) {
                continue; // the CSV upload's parameters: csvRegister()
            }
            for (var bad : badQueryValues(name, parameter.getSchema()).entrySet()) {
                out.add(request(base.withQuery(with(base.query(), name, bad.getValue())))
                        .variant("query", name + ": " + bad.getKey()));
            }
        }
    }

    /** Values a query parameter of this schema must refuse, by what is wrong with them. */
    private static Map<String, String> badQueryValues(String name, Schema<?> schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        String type = schema.getType();
        if ("integer".equals(type)) {
            if (schema.getMinimum() != null) {
                bad.put("below the minimum", schema.getMinimum().subtract(java.math.BigDecimal.ONE).toPlainString());
                bad.put("negative", "-1");
            }
            if (schema.getMaximum() != null) {
                bad.put("above the maximum", schema.getMaximum().add(java.math.BigDecimal.ONE).toPlainString());
            }
            bad.put("not a number", "abc");
            bad.put("a fraction", "1.5");
            bad.put("beyond a long", "9223372036854775808");
            bad.put("exponent", "1e3");
            bad.put("SQL", encode("1 OR 1=1"));
        } else if ("boolean".equals(type)) {
            bad.put("not a boolean", "maybe");
            bad.put("a number", "2");
            bad.put("SQL", encode(SQL));
        } else if (schema.getEnum() != null) {
            bad.put("unknown value", "BOGUS");
            bad.put("SQL", encode(SQL));
            bad.put("script", encode(SCRIPT));
        } else if ("cursor".equals(name) || "after".equals(name)) { // the event feed's cursor is "after"
            bad.put("not base64", encode("not a cursor!"));
            bad.put("forged with SQL", Cursors.encode(SQL));
            bad.put("forged with script", Cursors.encode(SCRIPT));
            bad.put("forged with another version", b64("v2:abc"));
            bad.put("forged, too long", Cursors.encode("a".repeat(61)));
            bad.put("plain text position", "v1:abc");
            bad.put("5,000 base64 characters", "A".repeat(5_000));
            bad.put("script", encode(SCRIPT));
        } else if ("date-time".equals(schema.getFormat()) || name.equals("asOf")) {
            bad.put("a date, not a time", "2026-01-01");
            bad.put("hour 25", "2026-01-01T25:00:00Z");
            bad.put("no zone", "2026-01-01T00:00:00");
            bad.put("a word", "yesterday");
            bad.put("year 999999", encode("+999999-01-01T00:00:00Z"));
            bad.put("before 1900", "1899-12-31T23:59:59Z");
            bad.put("SQL", encode(SQL));
        } else if ("date".equals(schema.getFormat()) || name.equals("from") || name.equals("to")) {
            bad.put("month 13", "2026-13-01");
            bad.put("30 February", "2026-02-30");
            bad.put("day first", "31%2F12%2F2026");
            bad.put("a word", "yesterday");
            bad.put("year 99999", "99999-01-01");
            bad.put("before 1900", "1899-12-31");
            bad.put("SQL", encode(SQL));
            bad.put("script", encode(SCRIPT));
        }
        return bad;
    }

    private void idempotencyKey(Base base, List<Variant> out) {
        out.add(request(base).removeHeader("Idempotency-Key").variant("idempotency", "missing"));
        out.add(request(base).header("Idempotency-Key", "").variant("idempotency", "empty"));
        out.add(request(base).header("Idempotency-Key", "k".repeat(256)).variant("idempotency", "256 characters"));
        out.add(request(base).header("Idempotency-Key", "k".repeat(5_000)).variant("idempotency", "5,000 characters"));
        out.add(request(base).header("Idempotency-Key", "has spaces in it").variant("idempotency", "spaces"));
        out.add(request(base).header("Idempotency-Key", "caf\u00e9-" + newKey()).variant("idempotency", "a non-ASCII byte"));
        out.add(request(base).header("Idempotency-Key", "tab\there").variant("idempotency", "a tab"));
    }

    /** The body as a whole: not JSON, not an object, not declared as JSON, too large, too deep. */
    private void wholeBody(Base base, List<Variant> out) {
        byte[] valid = base.body();
        String text = new String(valid, StandardCharsets.UTF_8);
        if (base.bodyRequired()) {
            out.add(request(base).rawBody(new byte[0]).variant("body", "empty"));
            out.add(request(base).rawBody(utf8("null")).variant("body", "JSON null"));
        }
        out.add(request(base).rawBody(utf8("[]")).variant("body", "an empty array"));
        out.add(request(base).rawBody(utf8("[" + text + "]")).variant("body", "the object in an array"));
        out.add(request(base).rawBody(utf8("\"text\"")).variant("body", "a string"));
        out.add(request(base).rawBody(utf8("42")).variant("body", "a number"));
        out.add(request(base).rawBody(utf8("true")).variant("body", "true"));
        out.add(request(base).rawBody(utf8("not json at all")).variant("body", "not JSON"));
        out.add(request(base).rawBody(utf8(text.substring(0, text.length() - 1))).variant("body", "truncated"));
        out.add(request(base).rawBody(utf8(text + "}")).variant("body", "an extra brace"));
        out.add(request(base).rawBody(utf8(text + text)).variant("body", "two objects"));
        out.add(request(base).rawBody(utf8("/* comment */" + text)).variant("body", "a comment"));
        out.add(request(base).rawBody(utf8(text.replace('"', '\''))).variant("body", "single quotes"));
        out.add(request(base).rawBody(utf8(text.substring(0, text.length() - 1) + ",}")).variant("body", "a trailing comma"));
        out.add(request(base).rawBody(utf8(nested(100_000))).variant("body", "nested 100,000 deep"));
        out.add(request(base).rawBody(utf8(withField(text, "\"extra\":" + nested(5_000)))).variant("body",
                "an extra field nested 5,000 deep"));
        out.add(request(base).rawBody(text.getBytes(StandardCharsets.UTF_16)).variant("body", "UTF-16"));
        out.add(request(base).rawBody(concat(utf8(withField(text, "\"extra\":\"")), new byte[] {(byte) 0xff, (byte) 0xfe},
                utf8("\"}"))).variant("body", "invalid UTF-8 bytes"));
        if (!base.template().equals("/oauth/access_token")) {
            // OAuth's token endpoint must ignore parameters it does not know (RFC 6749 section 3.2)
            out.add(request(base).rawBody(utf8(withField(text, "\"unexpectedField\":1"))).variant("body", "an unknown field"));
            out.add(request(base).rawBody(utf8(withField(text, "\"__proto__\":{\"admin\":true}"))).variant("body", "__proto__"));
        }
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "text/csv",
                "application/octet-stream", "garbage")) {
            if (type.equals("text/csv") && base.template().endsWith("/activities/register")) {
                continue;
            }
            out.add(request(base).header("Content-Type", type).variant("content-type", type, null));
        }
        if (!base.template().equals("/oauth/access_token")) {
            out.add(request(base).header("Content-Type", "application/x-www-form-urlencoded")
                    .variant("content-type", "a form"));
        }
        out.add(request(base).removeHeader("Content-Type").variant("content-type", "missing"));
        // just over the limit: the valid request with spaces after it
        byte[] over = concat(valid, " ".repeat(ONE_MB + 1 - valid.length).getBytes(StandardCharsets.US_ASCII));
        out.add(request(base).rawBody(over).variant("size", "1 MB + 1 byte", 413));
        out.add(request(base).rawBody(concat(valid, " ".repeat(3 * ONE_MB).getBytes(StandardCharsets.US_ASCII)))
                .variant("size", "4 MB", 413));
        out.add(request(base).chunked(concat(valid, " ".repeat(2 * ONE_MB).getBytes(StandardCharsets.US_ASCII)))
                .variant("size", "2 MB chunked, no Content-Length", 413));
    }

    /** Each field, broken as its schema says it must not be. */
    private void fields(Base base, List<Variant> out) {
        Schema<?> schema = base.schema();
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (var property : schema.getProperties().entrySet()) {
            String field = property.getKey();
            Schema<?> s = property.getValue();
            Consumer<Object[]> add = bad -> out.add(request(base).rawBody(withValue(base.json(), field, bad[1]))
                    .variant("field", field + ": " + bad[0]));
            if (required.contains(field)) {
                ObjectNode without = base.json().deepCopy();
                without.remove(field);
                out.add(request(base).rawBody(bytes(without)).variant("field", field + ": missing"));
            }
            if (!Boolean.TRUE.equals(s.getNullable())) {
                // null is not "left out": a field the contract does not call nullable refuses it, named
                out.add(request(base).rawBody(withValue(base.json(), field, JsonNodeFactory.instance.nullNode()))
                        .variant("field", field + ": null", 400, field));
            }
            badValues(base.template(), field, s, base.json().path(field)).forEach((what, value) -> add.accept(new Object[] {what, value}));
        }
    }

    /** Values the field must refuse; a String starting with RAW is written into the JSON as it is. */
    private Map<String, Object> badValues(String template, String field, Schema<?> s, JsonNode valid) {
        Map<String, Object> bad = new LinkedHashMap<>();
        String type = s.getType();
        if ("integer".equals(type)) {
            bad.put("a string", "1");
            bad.put("a fraction", raw("1.5"));
            bad.put("true", true);
            bad.put("an object", Map.of());
            bad.put("an array", List.of(1));
            bad.put("1e400", raw("1e400"));
            bad.put("2^63", raw("9223372036854775808"));
            bad.put("-2^63-1", raw("-9223372036854775809"));
            bad.put("NaN", raw("NaN"));
            if (s.getMinimum() != null || s.getMaximum() != null) {
                if (s.getMinimum() != null) {
                    bad.put("below the minimum", raw(s.getMinimum().subtract(java.math.BigDecimal.ONE).toPlainString()));
                }
                if (s.getMaximum() != null) {
                    bad.put("above the maximum", raw(s.getMaximum().add(java.math.BigDecimal.ONE).toPlainString()));
                }
                bad.put("Long.MAX_VALUE", Long.MAX_VALUE);
                bad.put("Long.MIN_VALUE", Long.MIN_VALUE);
            } else {
                // an amount: positive, and never more than there is
                bad.put("zero", 0);
                bad.put("-1", -1);
                bad.put("Long.MIN_VALUE", Long.MIN_VALUE);
                bad.put("Long.MAX_VALUE", Long.MAX_VALUE);
                bad.put("2^53+1", 9_007_199_254_740_993L);
            }
        } else if ("boolean".equals(type)) {
            bad.put("a string", "true");
            bad.put("a number", 1);
            bad.put("an object", Map.of());
            if (s.getEnum() != null && s.getEnum().size() == 1) {
                bad.put("the other value", !Boolean.TRUE.equals(s.getEnum().get(0)));
            }
        } else if ("array".equals(type)) {
            bad.put("a string", "x");
            bad.put("an object", Map.of());
            bad.put("an array of numbers", List.of(1, 2));
            bad.put("an array of arrays", List.of(List.of("x")));
            bad.put("an array with null", java.util.Arrays.asList((Object) null));
            bad.put("SQL", List.of(SQL));
            bad.put("script", List.of(SCRIPT));
            if (s.getMinItems() != null && s.getMinItems() > 0) {
                bad.put("empty", List.of());
            }
            if (s.getMaxItems() != null) {
                List<String> many = new ArrayList<>();
                for (int i = 0; i <= s.getMaxItems(); i++) {
                    many.add("mem_fuzz" + i);
                }
                bad.put("one item over the maximum", many);
            }
            if (valid.isArray() && !valid.isEmpty()) {
                if (field.equals("memberIds")) {
                    // a register lists each member once (organisationIds is a set: a repeat changes nothing)
                    bad.put("the same item twice", List.of(valid.get(0).asText(), valid.get(0).asText()));
                }
                bad.put("an item of 41 characters", List.of("m".repeat(41)));
            }
        } else if ("string".equals(type) || type == null) {
            bad.put("a number", 1);
            bad.put("true", true);
            bad.put("an object", Map.of());
            bad.put("an array", List.of("x"));
            bad.put("NUL", "a\u0000b");
            bad.put("a lone surrogate", raw("\"a\\ud800b\""));
            bad.put("1 MB", "x".repeat(1_000_000));
            if (s.getMaxLength() != null) {
                bad.put("one character over the maximum", "y".repeat(s.getMaxLength() + 1));
            }
            if (s.getMinLength() != null && s.getMinLength() > 0) {
                bad.put("empty", "");
            }
            if ("\\S".equals(s.getPattern())) {
                bad.put("blank", "   ");
            }
            if (s.getEnum() != null) {
                bad.put("unknown value", "BOGUS");
                bad.put("lower case", String.valueOf(s.getEnum().get(0)).toLowerCase(Locale.ROOT) + "x");
            }
            if ("date".equals(s.getFormat())) {
                bad.put("30 February", "2026-02-30");
                bad.put("day first", "31/12/2026");
                bad.put("a time", "2026-01-01T00:00:00Z");
                bad.put("year 99999", "99999-01-01");
                bad.put("before 1900", "1899-12-31");
                bad.put("empty", "");
            }
            if ("date-time".equals(s.getFormat())) {
                bad.put("a date", "2026-01-01");
                bad.put("hour 25", "2026-01-01T25:00:00Z");
                bad.put("no zone", "2026-01-01T00:00:00");
                bad.put("year 999999", "+999999-01-01T00:00:00Z");
                bad.put("before 1900", "1899-12-31T23:59:59Z");
                bad.put("epoch seconds", raw("1767225600"));
            }
            // logging out an unknown refresh token does nothing and says so with 204 (RFC 7009)
            boolean opaque = template.equals("/logout");
            if (!FREE_TEXT.contains(field) && !"password".equals(s.getFormat()) && !opaque) {
                // an id, a code, a token or a typed value: a wrong one is refused, however it looks
                bad.put("SQL", SQL);
                bad.put("script", SCRIPT);
                if (valid.isTextual() && reference(template, field)) {
                    bad.put("unknown of the right shape", unknownLike(valid.asText()));
                }
            }
        }
        return bad;
    }

    /** A field naming something that exists (not the name of something new, such as a username). */
    private static boolean reference(String template, String field) {
        return field.endsWith("Id") || field.equals("cardNumber") || field.equals("toCardNumber")
                || field.equals("categoryCode") || field.equals("refresh_token")
                || field.equals("code") && template.equals("/v1/activation");
    }

    /** The attendance register uploaded as CSV, with its session in the query. */
    private void csvRegister(Base json, List<Variant> out) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("organisationId", world.organisation);
        query.put("date", World.today());
        query.put("categoryCode", world.category);
        query.put("minutes", "1");
        String header = "memberId or cardNumber\n";
        String other = world.otherMemberId;
        Base csv = json.withBody("text/csv", utf8(header + other + "\n")).withQuery(query);
        Consumer<Object[]> upload = bad -> out.add(request(csv).rawBody((byte[]) bad[1]).variant("csv", (String) bad[0],
                (Integer) bad[2]));
        upload.accept(new Object[] {"1,001 lines", utf8(header + lines(1_001, "mem_fuzz")), null});
        upload.accept(new Object[] {"100,000 lines", utf8(header + lines(100_000, "mem_fuzz")), null});
        StringBuilder huge = new StringBuilder(header);
        for (int i = 0; huge.length() < 7 * ONE_MB; i++) {
            huge.append("mem_01FUZZFUZZFUZZFUZZFUZZ").append(i).append(",60\n");
        }
        upload.accept(new Object[] {"7 MB of lines", utf8(huge.toString()), null});
        byte[] limit = new byte[8 * ONE_MB + 1];
        java.util.Arrays.fill(limit, (byte) 'a');
        upload.accept(new Object[] {"8 MB + 1 byte", limit, 413});
        out.add(request(csv).chunked(limit).variant("csv", "8 MB + 1 byte chunked, no Content-Length", 413));
        upload.accept(new Object[] {"20 MB", new byte[20 * ONE_MB], 413});
        byte[] noise = new byte[4_096];
        new Random(42).nextBytes(noise);
        upload.accept(new Object[] {"random bytes", noise, null});
        upload.accept(new Object[] {"invalid UTF-8", concat(utf8(header), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}), null});
        upload.accept(new Object[] {"NUL", utf8(header + other + "\u0000\n"), null});
        upload.accept(new Object[] {"empty", new byte[0], null});
        upload.accept(new Object[] {"only the header", utf8(header), null});
        upload.accept(new Object[] {"three cells", utf8(other + ",1,extra\n"), null});
        for (String minutes : List.of("abc", "-5", "0", "1.5", "99999999999999999999", "9223372036854775807", "1441")) {
            upload.accept(new Object[] {"minutes " + minutes, utf8(other + "," + minutes + "\n"), null});
        }
        upload.accept(new Object[] {"SQL", utf8(SQL + "\n"), null});
        upload.accept(new Object[] {"script", utf8(SCRIPT + "\n"), null});
        upload.accept(new Object[] {"a 1 MB cell", utf8("z".repeat(1_000_000) + "\n"), null});
        upload.accept(new Object[] {"the same member twice", utf8(other + "\n" + other + "\n"), null});
        upload.accept(new Object[] {"JSON", json.body(), null});
        for (String name : List.of("organisationId", "date", "categoryCode")) {
            out.add(request(csv.withQuery(with(query, name, null))).variant("csv", "no " + name));
        }
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("date=2026-02-30", "2026-02-30");
        bad.put("date=SQL", encode(SQL));
        bad.put("date=1899-12-31", "1899-12-31");
        bad.put("minutes=abc", "abc");
        bad.put("minutes=0", "0");
        bad.put("minutes=-1", "-1");
        bad.put("minutes=2^63", "9223372036854775808");
        bad.put("approve=maybe", "maybe");
        bad.put("description of 501 characters", "d".repeat(501));
        bad.put("organisationId of 41 characters", "o".repeat(41));
        bad.put("organisationId=SQL", encode(SQL));
        bad.put("categoryCode=script", encode(SCRIPT));
        bad.forEach((what, value) -> {
            String name = what.contains("=") ? what.substring(0, what.indexOf('=')) : what.substring(0, what.indexOf(' '));
            out.add(request(csv.withQuery(with(query, name, value))).variant("csv", what));
        });
        out.add(request(csv).removeHeader("Idempotency-Key").variant("csv", "no Idempotency-Key"));
    }

    // ---- building requests ----

    private Request request(Base base) {
        Request r = new Request(base.method(), base.template());
        base.path().forEach((name, value) -> r.pathParameter(name, encode(value)));
        base.query().forEach((name, value) -> {
            if (value != null) {
                r.queryAppend(name + "=" + (value.contains("%") ? value : encode(value)));
            }
        });
        String[] credentials = world.client(base.role()).credentials();
        if (credentials.length == 2) {
            r.header(credentials[0], credentials[1]);
        }
        if (base.key()) {
            r.header("Idempotency-Key", newKey());
        }
        if (base.body() != null) {
            r.header("Content-Type", base.contentType());
            r.rawBody(base.body());
        }
        return r;
    }

    /** A request being broken: its parts as raw text (already percent-encoded where they must be). */
    private static final class Request {
        private final String method;
        private String path;
        private String query = "";
        private String version = "HTTP/1.1";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> rawHeaderLines = new ArrayList<>();
        private byte[] body;
        private boolean chunked;

        Request(String method, String template) {
            this.method = method;
            this.path = template;
        }

        Request copy() {
            Request c = new Request(method, path);
            c.query = query;
            c.version = version;
            c.headers.putAll(headers);
            c.rawHeaderLines.addAll(rawHeaderLines);
            c.body = body;
            c.chunked = chunked;
            return c;
        }

        Request pathParameter(String name, String raw) {
            path = path.replace("{" + name + "}", raw);
            return this;
        }

        Request rawPathParameter(String name, String raw) {
            return pathParameter(name, raw);
        }

        Request pathSuffix(String raw) {
            path = path + raw;
            return this;
        }

        Request queryAppend(String raw) {
            query = query.isEmpty() ? raw : query + "&" + raw;
            return this;
        }

        Request header(String name, String value) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        Request removeHeader(String name) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            return this;
        }

        Request rawHeaderLine(String line) {
            rawHeaderLines.add(line);
            return this;
        }

        Request rawBody(byte[] bytes) {
            body = bytes;
            return this;
        }

        Request chunked(byte[] bytes) {
            body = bytes;
            chunked = true;
            return this;
        }

        Request version(String v) {
            version = v;
            return this;
        }

        Variant variant(String group, String name) {
            return variant(group, name, null);
        }

        Variant variant(String group, String name, Integer expected) {
            return variant(group, name, expected, null);
        }

        Variant variant(String group, String name, Integer expected, String field) {
            StringBuilder head = new StringBuilder(method).append(' ').append(path)
                    .append(query.isEmpty() ? "" : "?" + query).append(' ').append(version).append("\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            rawHeaderLines.forEach(line -> head.append(line).append("\r\n"));
            boolean framed = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length")
                    || k.equalsIgnoreCase("Transfer-Encoding"))
                    || rawHeaderLines.stream().anyMatch(l -> l.startsWith("Content-Length") || l.startsWith("Transfer-Encoding"));
            byte[] payload = body;
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
                payload = chunks(body);
            } else if (body != null && !framed) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            return new Variant(group, name, head.toString().getBytes(StandardCharsets.ISO_8859_1), payload, expected, field);
        }

        private static byte[] chunks(byte[] bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 0; at < bytes.length; at += 65_536) {
                int n = Math.min(65_536, bytes.length - at);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, at, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
    }

    // ---- small helpers ----

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    private static String raw(String json) {
        return RAW + json;
    }

    /** The body with one field set to a value; a raw value is written into the JSON text as it is. */
    private static byte[] withValue(ObjectNode json, String field, Object value) {
        ObjectNode copy = json.deepCopy();
        if (value instanceof String s && s.startsWith(RAW)) {
            copy.put(field, RAW);
            return utf8(new String(bytes(copy), StandardCharsets.UTF_8).replace("\"" + RAW + "\"", s.substring(RAW.length())));
        }
        copy.set(field, Api.JSON.valueToTree(value));
        return bytes(copy);
    }

    private static String withField(String json, String member) {
        return json.substring(0, json.length() - 1) + (json.length() > 2 ? "," : "") + member + "}";
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String lines(int n, String prefix) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(prefix).append(i).append('\n');
        }
        return b.toString();
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Api.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same kind of value with its last characters changed: well formed, but nobody's. */
    private static String unknownLike(String value) {
        if (value.chars().allMatch(Character::isDigit)) {
            return value.substring(0, value.length() - 4) + (value.endsWith("0000") ? "1111" : "0000");
        }
        if (value.length() < 6) {
            return value + "zzzz";
        }
        String tail = value.endsWith("ZZZZ") ? "YYYY" : "ZZZZ";
        return value.substring(0, value.length() - 4) + tail;
    }

    /**
     * The first character, which is all signature bits. Not the last: of a 32-byte HS256
     * signature's 43 base64url characters the last carries two padding bits, so changing it
     * between A, B, C and D decodes to the same signature, and the token is still valid (the
     * fuzzer failed that way about once in sixteen runs).
     */
    private static String changeFirst(String value) {
        char first = value.charAt(0);
        return (first == 'A' ? 'B' : 'A') + value.substring(1);
    }

    /** An API key is compared whole (by its hash), so any character changed makes another key. */
    private static String changeLast(String value) {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** The claims re-signed with a key, optionally expired at a moment. */
    private static String sign(String payload, String secret, Instant expires) {
        try {
            JWTClaimsSet claims = JWTClaimsSet.parse(payload);
            if (expires != null) {
                claims = new JWTClaimsSet.Builder(claims).expirationTime(Date.from(expires))
                        .notBeforeTime(Date.from(expires.minusSeconds(7_200))).issueTime(Date.from(expires.minusSeconds(7_200)))
                        .build();
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}

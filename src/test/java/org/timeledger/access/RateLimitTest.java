package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;
import org.timeledger.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;
import org.timeledger.http.CreditRateLimits;

/**
 * Per-principal rate limits on the routes that move credits, here 3 requests and then one per
 * 100 seconds, so that a test hits them at once and lifts them by moving the clock. In memory,
 * not in the database, so H2 alone.
 */
class RateLimitTest extends ServiceTest {
    @Inject
    TestClock clock;
    @Inject
    Router router;

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.rate-limit.enabled", "true",
                "timeledger.rate-limit.requests-per-second", "0.01",
                "timeledger.rate-limit.burst", "3");
    }

    @Test
    void overTheLimitAnswers429AsAProblemWithRetryAfterAndDoesNothing() {
        Giver ada = giver();
        for (int i = 0; i < 3; i++) {
            assertThat(ada.gift(newKey()).status()).isEqualTo(201);
        }

        Api.Reply refused = ada.gift(newKey());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.field("requestId")).isNotBlank();
        assertThat(refused.field("detail")).contains("Nothing was done");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 100L));
        assertThat(balance(ada.login().accountId())).isEqualTo(100 - 3 * 5);
    }

    @Test
    void aRefusedRequestIsNotRecordedUnderItsKeyAndIsJudgedAfreshOnceAllowed() throws SQLException {
        Giver ada = giver();
        for (int i = 0; i < 3; i++) {
            ada.gift(newKey());
        }
        String key = newKey();

        assertThat(ada.gift(key).status()).isEqualTo(429);
        assertThat(storedUnder(key)).isZero();

        clock.advance(Duration.ofSeconds(101));
        Api.Reply later = ada.gift(key);

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isEmpty();
        assertThat(storedUnder(key)).isEqualTo(1);
    }

    @Test
    void replaysCountTowardsTheLimitAndStillGetTheOriginalAnswerAfterIt() {
        Giver ada = giver();
        String key = newKey();
        Api.Reply first = ada.gift(key);
        assertThat(ada.gift(key).header("Idempotent-Replayed")).contains("true");
        assertThat(ada.gift(key).header("Idempotent-Replayed")).contains("true");

        assertThat(ada.gift(key).status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(101));
        Api.Reply replayed = ada.gift(key);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
        assertThat(replayed.field("id")).isEqualTo(first.field("id"));
        assertThat(balance(ada.login().accountId())).isEqualTo(100 - 5);
    }

    @Test
    void eachUserAndEachTillKeyHasItsOwnAllowanceForCreditsAloneAndRefusalsCountToo() {
        Giver ada = giver();
        Giver bob = giver();
        for (int i = 0; i < 4; i++) {
            ada.gift(newKey());
        }
        assertThat(ada.gift(newKey()).status()).isEqualTo(429);

        assertThat(bob.gift(newKey()).status()).as("another member").isEqualTo(201);
        assertThat(ada.login().api().get("/v1/me").status()).as("reading is not limited").isEqualTo(200);

        // two keys of one partner's tills; the card has nothing to spend, so every hold is refused
        String partner = admin.post("/v1/schemes/" + ada.code() + "/partners", object("name", "Pool")).field("id");
        Api frontDesk = till(partner);
        Api cafe = till(partner);
        String card = registerMember(ada.code(), "Nobody").get("cardNumber").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(hold(frontDesk, card).status()).isEqualTo(422);
        }
        assertThat(hold(frontDesk, card).status()).isEqualTo(429);
        assertThat(hold(cafe, card).status()).as("another till key").isEqualTo(422);
    }

    /**
     * Which routes are limited follows from the code (a route that takes an Idempotency-Key),
     * and openapi.yml documents the 429 on exactly those. The list says which they are.
     */
    @Test
    void exactlyTheRoutesThatMoveCreditsAreLimitedAndDocumentedSo() {
        Set<String> limited = router.uriRoutes()
                .filter(CreditRateLimits::movesCredits)
                .map(r -> (UriRouteInfo<?, ?>) r)
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .map(r -> r.getHttpMethod() + " " + normalise(r.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));

        OpenAPI contract = new OpenAPIV3Parser().read("openapi.yml");
        Set<String> takingAKey = new TreeSet<>();
        Set<String> documented429 = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method.name() + " " + normalise(path);
            List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
            if (parameters.stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()))) {
                takingAKey.add(name);
            }
            var tooMany = operation.getResponses().get("429");
            if (tooMany != null && "#/components/responses/RateLimited".equals(tooMany.get$ref())) {
                documented429.add(name);
            }
        }));

        assertThat(limited).containsExactlyInAnyOrder(
                "POST /v1/schemes/{}/transfers", "POST /v1/entries/{}/reversal",
                "POST /v1/me/gifts", "POST /v1/me/donations", "POST /v1/schemes/{}/grants",
                "POST /v1/schemes/{}/activities", "POST /v1/schemes/{}/activities/register",
                "POST /v1/activities/{}/approval", "POST /v1/schemes/{}/allocations",
                "POST /v1/opportunities/{}/signups", "POST /v1/opportunities/{}/attendance",
                "POST /v1/redemptions", "POST /v1/redemptions/{}/capture", "POST /v1/redemptions/{}/void",
                "POST /v1/redemptions/{}/refunds", "POST /v1/partners/{}/settlements",
                "DELETE /v1/members/{}/personal-data", "POST /v1/me/exchanges", "POST /v1/schemes/{}/exchanges",
                "POST /v1/payment-requests/{}/confirmation", "POST /v1/activities/{}/reversal");
        assertThat(takingAKey).isEqualTo(limited);
        // and the one read limited on its own (http.LookupRateLimits): a member's card look-ups
        Set<String> limitedReads = new TreeSet<>(limited);
        limitedReads.add("GET /v1/me/recipients/{}");
        assertThat(documented429).isEqualTo(limitedReads);
    }

    @Test
    void aMemberLooksUpTwentyCardNumbersInARowThenOneASecond() {
        // no credits issued: the administrator's transfers would spend the other tests' allowance
        String code = createScheme().get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        MemberLogin cal = memberLogin(code, "Cal");
        String card = registerMember(code, "Bob").get("cardNumber").asText();
        for (int i = 0; i < 20; i++) {
            assertThat(ada.api().get("/v1/me/recipients/" + card).status()).isEqualTo(200);
        }

        Api.Reply refused = ada.api().get("/v1/me/recipients/" + card);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(cal.api().get("/v1/me/recipients/" + card).status()).as("another member has their own allowance").isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(ada.api().get("/v1/me/recipients/" + card).status()).isEqualTo(200);
    }

    // ---- fixtures

    private record Giver(String code, MemberLogin login, String toCard, Api api) {
        Api.Reply gift(String key) {
            return api.post("/v1/me/gifts", object("toCardNumber", toCard, "amountMinutes", 5), "Idempotency-Key", key);
        }
    }

    /** A member with 100 minutes and someone to give them to. */
    private Giver giver() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        issue(scheme, ada.accountId(), 100);
        String card = registerMember(code, "Bob").get("cardNumber").asText();
        return new Giver(code, ada, card, ada.api());
    }

    private static Api.Reply hold(Api till, String card) {
        return till.post("/v1/redemptions", object("cardNumber", card, "amountMinutes", 10, "tillReference", "r"),
                "Idempotency-Key", newKey());
    }

    private long storedUnder(String key) throws SQLException {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM idempotency_key WHERE idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String normalise(String template) {
        return template.replaceAll("\\{[^}]*}", "{}");
    }
}

package org.timeledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.redemption.HoldSweep;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * GET /metrics as Prometheus scrapes it: anonymous, the text format, every series docs/operations.md
 * names with its HELP line, and each moving by exactly what was done. The application (and so
 * every counter) is this class's own, but the tests in it share it: each compares a scrape
 * before with one after.
 */
public abstract class MetricsTests extends ServiceTest {
    @Inject
    TestClock clock;
    @Inject
    HoldSweep sweep;
    @Inject
    OpenHolds openHolds;
    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        // the tests run the sweep and the open-holds count themselves
        return Map.of("timeledger.hold-sweep.interval", "1h", "timeledger.metrics.open-holds-interval", "1h");
    }

    /** One scrape: each sample by its name and labels as written, e.g. {@code x_total{code="y"}}. */
    record Scrape(String text, Map<String, Double> samples) {
        private static final Pattern SAMPLE = Pattern.compile(
                "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})? (\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Scrape of(String text) {
            Map<String, Double> samples = new java.util.HashMap<>();
            text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.find()).as("a sample line: " + line).isTrue();
                samples.put(m.group(1) + sorted(m.group(2)), Double.parseDouble(m.group(3)));
            });
            return new Scrape(text, samples);
        }

        /** Labels in name order, so a series is found whatever order the registry writes them in. */
        private static String sorted(String labels) {
            if (labels == null) {
                return "";
            }
            List<String> pairs = new ArrayList<>();
            Matcher m = LABEL.matcher(labels);
            while (m.find()) {
                pairs.add(m.group(1) + "=\"" + m.group(2) + "\"");
            }
            pairs.sort(null);
            return "{" + String.join(",", pairs) + "}";
        }

        /** The value of a series, 0 if it is not there yet; labels as name, value pairs. */
        double value(String name, String... labels) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < labels.length; i += 2) {
                pairs.add(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            pairs.sort(null);
            return samples.getOrDefault(name + (pairs.isEmpty() ? "" : "{" + String.join(",", pairs) + "}"), 0.0);
        }

        boolean has(String name) {
            return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
        }

        /** Every value the label takes in the series of this name. */
        List<String> labelValues(String name, String label) {
            Pattern value = Pattern.compile("[{,]" + label + "=\"((?:[^\"\\\\]|\\\\.)*)\"");
            return samples.keySet().stream().filter(k -> k.startsWith(name + "{"))
                    .map(value::matcher).filter(Matcher::find).map(m -> m.group(1)).distinct().toList();
        }
    }

    Scrape scrape() {
        Api.Reply reply = anonymous.get("/metrics");
        expect(reply, 200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return Scrape.of(reply.body());
    }

    @Test
    void prometheusScrapesEveryNamedSeriesWithoutCredentials() {
        Scrape scrape = scrape();

        for (String name : List.of("timeledger_entries_posted_total", "timeledger_rejections_total",
                "timeledger_idempotent_replays_total", "timeledger_holds_expired_total", "timeledger_holds_open",
                "http_server_requests_seconds", "hikaricp_connections_active", "hikaricp_connections_idle",
                "hikaricp_connections_pending", "hikaricp_connections_max", "jvm_memory_used_bytes")) {
            String family = name.replaceAll("_total$", "");
            assertThat(scrape.text()).as("HELP of " + name).containsPattern("(?m)^# HELP " + family + "(_total)? \\S");
        }
        assertThat(scrape.has("timeledger_entries_posted_total")).isTrue();
        assertThat(scrape.labelValues("timeledger_entries_posted_total", "type")).as("every type, from zero")
                .contains("EARN", "GIFT", "REDEMPTION", "ADJUSTMENT", "REVERSAL");
        assertThat(scrape.labelValues("timeledger_rejections_total", "code"))
                .contains("insufficient_credits", "validation_failed", "rule_violated", "internal_error");
        assertThat(scrape.labelValues("timeledger_idempotent_replays_total", "outcome")).containsOnly("success", "refusal");
        assertThat(scrape.has("timeledger_holds_expired_total")).isTrue();
        assertThat(scrape.has("http_server_requests_seconds_bucket")).isTrue();
    }

    @Test
    void entriesAreCountedByTypeOnceEachAndRefusalsByCode() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        String bob = registerMember(code, "Bob").get("id").asText();
        Scrape before = scrape();

        issue(scheme, ada.accountId(), 100);
        issue(scheme, ada.accountId(), 20);
        expect(gift(ada, bob, 30, newKey()), 201);
        Api.Reply refused = gift(ada, bob, 1_000, newKey());
        Api.Reply badBody = ada.api().post("/v1/me/gifts", object("toMemberId", bob, "amountMinutes", "thirty"),
                "Idempotency-Key", newKey());
        Scrape after = scrape();

        assertThat(refused.code()).isEqualTo("insufficient_credits");
        assertThat(badBody.code()).isEqualTo("validation_failed");
        assertThat(moved(before, after, "timeledger_entries_posted_total", "type", "ADJUSTMENT")).isEqualTo(2);
        assertThat(moved(before, after, "timeledger_entries_posted_total", "type", "GIFT")).as("the refused gift posted nothing")
                .isEqualTo(1);
        assertThat(moved(before, after, "timeledger_entries_posted_total", "type", "EARN")).isZero();
        assertThat(moved(before, after, "timeledger_rejections_total", "code", "insufficient_credits")).isEqualTo(1);
        assertThat(moved(before, after, "timeledger_rejections_total", "code", "validation_failed")).isEqualTo(1);
    }

    @Test
    void aRequestSentAgainWithItsKeyIsAReplayAndPostsNothingMore() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        String bob = registerMember(code, "Bob").get("id").asText();
        issue(scheme, ada.accountId(), 60);
        String given = newKey();
        String tooMuch = newKey();
        expect(gift(ada, bob, 10, given), 201);
        expect(gift(ada, bob, 500, tooMuch), 422);
        Scrape before = scrape();

        Api.Reply again = gift(ada, bob, 10, given);
        Api.Reply refusedAgain = gift(ada, bob, 500, tooMuch);
        Api.Reply andAgain = gift(ada, bob, 500, tooMuch);
        Scrape after = scrape();

        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(refusedAgain.header("Idempotent-Replayed")).hasValue("true");
        assertThat(andAgain.status()).isEqualTo(422);
        assertThat(moved(before, after, "timeledger_idempotent_replays_total", "outcome", "success")).isEqualTo(1);
        assertThat(moved(before, after, "timeledger_idempotent_replays_total", "outcome", "refusal")).isEqualTo(2);
        assertThat(moved(before, after, "timeledger_entries_posted_total", "type", "GIFT")).isZero();
        assertThat(moved(before, after, "timeledger_rejections_total", "code", "insufficient_credits"))
                .as("a refusal is counted when it is decided, its replays as replays").isZero();
    }

    @Test
    void holdsAreOpenUntilTheyExpireAndTheSweepCountsThem() {
        JsonNode scheme = createScheme("holdMinutes", 15);
        String code = scheme.get("code").asText();
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis Leisure Centre")).field("id");
        Api till = till(partner);
        MemberLogin ada = memberLogin(code, "Ada");
        issue(scheme, ada.accountId(), 300);
        openHolds.count();
        Scrape before = scrape();

        for (int i = 0; i < 2; i++) {
            expect(till.post("/v1/redemptions", object("cardNumber", ada.cardNumber(), "amountMinutes", 50,
                    "tillReference", "T-" + i), "Idempotency-Key", newKey()), 201);
        }
        openHolds.count();
        Scrape held = scrape();
        clock.advance(Duration.ofMinutes(16));
        openHolds.count();
        Scrape pastExpiry = scrape();
        sweep.sweep();
        Scrape swept = scrape();

        assertThat(moved(before, held, "timeledger_holds_open")).isEqualTo(2);
        assertThat(moved(before, pastExpiry, "timeledger_holds_open")).as("past expiry, before any sweep").isZero();
        assertThat(moved(before, pastExpiry, "timeledger_holds_expired_total")).as("not marked EXPIRED yet").isZero();
        assertThat(moved(before, swept, "timeledger_holds_expired_total")).isEqualTo(2);
    }

    @Test
    void latencyIsAHistogramPerRouteTemplateNeverPerId() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        String[] account = {"method", "GET", "status", "200", "uri", "/v1/accounts/{id}"};
        Scrape before = scrape();

        expect(admin.get("/v1/accounts/" + ada), 200);
        expect(admin.get("/v1/accounts/" + bob), 200);
        expect(admin.get("/v1/accounts/" + ada + "/postings?limit=0"), 400);
        expect(admin.get("/v1/accounts/acc_nobody"), 404);
        expect(anonymous.outsideContract().get("/no/such/route/" + bob), 404);
        expect(admin.outsideContract().get("/v1/accounts/" + bob + "/nothing-here"), 404);
        expect(admin.outsideContract().send("DELETE", "/v1/accounts/" + bob, null), 405);
        Scrape after = scrape();

        assertThat(moved(before, after, "http_server_requests_seconds_count", account)).isEqualTo(2);
        assertThat(moved(before, after, "http_server_requests_seconds_bucket", with(account, "le", "+Inf"))).isEqualTo(2);
        assertThat(after.labelValues("http_server_requests_seconds_bucket", "le")).contains("0.05", "0.5", "5.0", "+Inf");
        List<String> uris = after.labelValues("http_server_requests_seconds_count", "uri");
        assertThat(uris).as("a refusal keeps its route; what matched no route is one value: " + uris)
                .contains("/v1/accounts/{id}", "/v1/accounts/{id}/postings", "NOT_FOUND");
        assertThat(uris).allSatisfy(uri -> assertThat(uri).doesNotContain("acc_", "mem_", "ent_", "hld_", "red_")
                .matches("(/([a-z0-9.-]+|\\{[a-zA-Z]+}))+|/|[A-Z_]+"));
        assertThat(after.text()).as("no class names on an anonymous route").doesNotContain("exception=", "Exception");
    }

    @Test
    void thePoolShowsAConnectionInUse() throws Exception {
        HikariDataSource pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        String[] ours = {"pool", pool.getPoolName()};
        Scrape before = scrape();
        double activeBefore = before.value("hikaricp_connections_active", ours);
        Scrape during;
        try (Connection taken = pool.getConnection()) {
            during = scrapeUntil(s -> s.value("hikaricp_connections_active", ours) > activeBefore);
        }
        Scrape after = scrapeUntil(s -> s.value("hikaricp_connections_active", ours) <= activeBefore);

        assertThat(before.value("hikaricp_connections_max", ours)).isEqualTo(16);
        assertThat(moved(before, during, "hikaricp_connections_active", ours)).isEqualTo(1);
        assertThat(moved(before, after, "hikaricp_connections_active", ours)).isZero();
        assertThat(during.has("hikaricp_connections_idle")).isTrue();
        assertThat(during.value("hikaricp_connections_pending", ours)).isZero();
    }

    /** HikariCP works its pool figures out at most once a second, so they are read until they change. */
    private Scrape scrapeUntil(java.util.function.Predicate<Scrape> changed) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Scrape scrape = scrape();
            if (changed.test(scrape)) {
                return scrape;
            }
            Thread.sleep(100);
        }
        return scrape();
    }

    private Api.Reply gift(MemberLogin from, String toMemberId, long minutes, String key) {
        return from.api().post("/v1/me/gifts", object("toMemberId", toMemberId, "amountMinutes", minutes),
                "Idempotency-Key", key);
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}

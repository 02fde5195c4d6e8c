package org.timeledger.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.TestDatabase;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TIMELEDGER_MODE=production: the service refuses to start without a proper token signing key,
 * with one sentence saying what to set; development keeps generating one per database.
 */
class ProductionModeTest {
    static final String GOOD_SECRET = "p8Vq2x9LkN4mZ7rT1wYc6bHs3dFg5jKa0eRu8iOo2PlQ"; // 44 characters, as openssl rand -base64 32 gives

    @Test
    void productionWithoutASecretRefusesSayingWhatToSetAndHow() {
        assertThat(refusal(Map.of("timeledger.mode", "production", "timeledger.jwt-secret", "")))
                .startsWith("Refusing to start: TIMELEDGER_MODE=production needs TIMELEDGER_JWT_SECRET")
                .contains("at least 32 bytes")
                .endsWith("Generate one with: openssl rand -base64 48")
                .doesNotContain("\n");
    }

    @Test
    void productionWithAShortSecretRefuses() {
        assertThat(refusal(Map.of("timeledger.mode", "production", "timeledger.jwt-secret", GOOD_SECRET.substring(0, 31))))
                .contains("TIMELEDGER_JWT_SECRET is 31 bytes long; it must be at least 32")
                .contains("openssl rand -base64 48");
    }

    @Test
    void productionWithAPlaceholderSecretRefusesWithoutRepeatingIt() {
        String placeholder = "x".repeat(64);

        assertThat(refusal(Map.of("timeledger.mode", "production", "timeledger.jwt-secret", placeholder)))
                .contains("TIMELEDGER_JWT_SECRET looks like a placeholder")
                .doesNotContain(placeholder);
    }

    @Test
    void productionRefusesTheBenchmarksBcryptCost() {
        assertThat(refusal(Map.of("timeledger.mode", "production", "timeledger.jwt-secret", GOOD_SECRET,
                "timeledger.bcrypt-cost", "4")))
                .contains("TIMELEDGER_BCRYPT_COST is 4; TIMELEDGER_MODE=production needs 10 or more");
    }

    @Test
    void aMisspeltModeRefusesRatherThanRunningAsDevelopment() {
        assertThat(refusal(Map.of("timeledger.mode", "prod", "timeledger.jwt-secret", GOOD_SECRET)))
                .contains("TIMELEDGER_MODE is 'prod'; set it to 'production' or 'development'");
    }

    @Test
    void productionWithAGoodSecretStartsAndStoresNoKeyOfItsOwn() {
        try (ApplicationContext context = ApplicationContext.run(properties(TestDatabase.h2(),
                Map.of("timeledger.mode", "production", "timeledger.jwt-secret", GOOD_SECRET)))) {
            assertThat(context.getBean(RunMode.class).production()).isTrue();
            assertThat(storedKeys(context)).isEmpty();
        }
    }

    @Test
    void developmentGeneratesAKeyOncePerDatabaseAndKeepsIt() {
        TestDatabase database = TestDatabase.h2();
        Map<String, String> development = Map.of("timeledger.jwt-secret", "");
        List<String> first;
        try (ApplicationContext context = ApplicationContext.run(properties(database, development))) {
            assertThat(context.getBean(RunMode.class).production()).isFalse();
            first = storedKeys(context);
        }
        try (ApplicationContext context = ApplicationContext.run(properties(database, development))) {
            assertThat(first).hasSize(1);
            assertThat(storedKeys(context)).as("the same key after a restart").isEqualTo(first);
        }
    }

    private static String refusal(Map<String, String> settings) {
        Map<String, Object> properties = properties(TestDatabase.h2(), settings);
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> ApplicationContext.run(properties).close()).satisfies(e -> thrown[0] = e);
        StartupRefused refused = StartupRefused.in(thrown[0]);
        assertThat(refused).as("a StartupRefused among the causes of %s", thrown[0]).isNotNull();
        return refused.getMessage();
    }

    private static Map<String, Object> properties(TestDatabase database, Map<String, String> settings) {
        Map<String, Object> p = new HashMap<>(database.properties());
        p.put("micronaut.server.port", "-1");
        p.put("timeledger.admin-password", "");
        p.putAll(settings);
        return p;
    }

    private static List<String> storedKeys(ApplicationContext context) {
        return context.getBean(Transactions.class).read(() -> context.getBean(JdbcOperations.class)
                .prepareStatement("SELECT secret FROM service_secret", ps -> {
                    List<String> keys = new java.util.ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            keys.add(rs.getString(1));
                        }
                    }
                    return keys;
                }));
    }
}

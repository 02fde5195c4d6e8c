package org.timeledger.operations;

import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TIMELEDGER_METRICS_ENABLED=false: no /metrics route at all, for callers with or without credentials. */
class MetricsOffTest extends ServiceTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.metrics.enabled", "false");
    }

    @Test
    void thereIsNoMetricsRoute() {
        Api.Reply anonymously = anonymous.outsideContract().get("/metrics");
        Api.Reply asAdmin = admin.outsideContract().get("/metrics");

        assertThat(anonymously.status()).isEqualTo(404);
        assertThat(asAdmin.status()).isEqualTo(404);
        assertThat(asAdmin.body()).doesNotContain("timeledger_");
    }
}

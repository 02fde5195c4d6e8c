package org.timeledger.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation runs by itself, on its schedule, and publishes checkpoints with nobody asking. */
class ReconciliationScheduleTest extends ServiceTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.reconciliation.initial-delay", "0s", "timeledger.reconciliation.interval", "200ms");
    }

    @Test
    void itRunsOnItsScheduleAndCheckpointsEachNewState() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        issue(scheme, registerMember(code, "Ada").get("accountId").asText(), 60);
        assertThat(waitForCheckpointOf(code, 1).get("outstandingMinutes").asLong()).isEqualTo(60);
        issue(scheme, registerMember(code, "Bob").get("accountId").asText(), 30);
        assertThat(waitForCheckpointOf(code, 2).get("outstandingMinutes").asLong()).isEqualTo(90);
    }

    /** The newest checkpoint, once it covers {@code entries} entries (a run may have checkpointed the scheme before any). */
    private JsonNode waitForCheckpointOf(String code, long entries) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode items = anonymous.get("/v1/public/schemes/" + code + "/checkpoints").json().get("items");
            if (!items.isEmpty() && items.get(0).get("entries").asLong() == entries) {
                return items.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint of " + entries + " entries within 10 s");
    }
}

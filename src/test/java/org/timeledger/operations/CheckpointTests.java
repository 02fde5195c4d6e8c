package org.timeledger.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published checkpoints and their verification: proof over time that history was never
 * rewritten. The scheduled reconciliation is run as its schedule runs it
 * ({@link ReconciliationSchedule#run}); {@link ReconciliationScheduleTest} shows the schedule itself firing.
 */
public abstract class CheckpointTests extends ServiceTest {

    private record Books(String code, JsonNode scheme, String ada, String bob) {
    }

    private Books books() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        return new Books(code, scheme, registerMember(code, "Ada").get("accountId").asText(),
                registerMember(code, "Bob").get("accountId").asText());
    }

    private JsonNode checkpoints(String code) {
        Api.Reply reply = anonymous.get("/v1/public/schemes/" + code + "/checkpoints");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("items");
    }

    private JsonNode verify(String code, String checkpointId) {
        Api.Reply reply = staff(code, "AUDITOR").get("/v1/schemes/" + code + "/checkpoints/" + checkpointId + "/verification");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void eachPassingReconciliationPublishesACheckpointWhenTheJournalMoved() {
        Books b = books();
        issue(b.scheme, b.ada, 100);
        String first = checkpoint(b.code);
        JsonNode published = checkpoints(b.code).get(0);
        assertThat(published.get("id").asText()).isEqualTo(first);
        assertThat(published.get("number").asLong()).isEqualTo(1);
        assertThat(published.get("entries").asLong()).isEqualTo(1);
        assertThat(published.get("postings").asLong()).isEqualTo(2);
        assertThat(published.get("balanceSumMinutes").asLong()).isZero();
        assertThat(published.get("outstandingMinutes").asLong()).isEqualTo(100);
        assertThat(published.get("digest").asText()).matches("[0-9a-f]{64}");

        // nothing moved: no new checkpoint
        assertThat(checkpoint(b.code)).isEqualTo(first);
        assertThat(checkpoints(b.code)).hasSize(1);

        transfer(b.code, b.ada, b.bob, 40, "GIFT");
        String second = checkpoint(b.code);
        JsonNode list = checkpoints(b.code);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(second);
        assertThat(list.get(0).get("number").asLong()).isEqualTo(2);
        assertThat(list.get(0).get("entries").asLong()).isEqualTo(2);
        assertThat(list.get(0).get("digest").asText()).isNotEqualTo(list.get(1).get("digest").asText());
        assertThat(verify(b.code, first).get("matches").asBoolean()).isTrue();
        assertThat(verify(b.code, second).get("matches").asBoolean()).isTrue();
    }

    @Test
    void theListIsPagedNewestFirst() {
        Books b = books();
        for (int i = 0; i < 5; i++) {
            issue(b.scheme, b.ada, 10 + i);
            checkpoint(b.code);
        }
        JsonNode first = anonymous.get("/v1/public/schemes/" + b.code + "/checkpoints?limit=2").json();
        JsonNode second = anonymous.get("/v1/public/schemes/" + b.code + "/checkpoints?limit=2&cursor="
                + first.get("nextCursor").asText()).json();
        JsonNode third = anonymous.get("/v1/public/schemes/" + b.code + "/checkpoints?limit=2&cursor="
                + second.get("nextCursor").asText()).json();
        List<Long> numbers = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("items").forEach(c -> numbers.add(c.get("number").asLong()));
        }
        assertThat(numbers).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(third.has("nextCursor")).isFalse();
        assertThat(anonymous.get("/v1/public/schemes/no-such-scheme/checkpoints").status()).isEqualTo(404);
    }

    /**
     * The issue's test: an old posting rewritten with SQL. Every checkpoint recorded after it no
     * longer matches; those before it still do.
     */
    @Test
    void rewritingAnOldPostingFailsTheVerificationOfEveryCheckpointAfterIt() throws Exception {
        Books b = books();
        issue(b.scheme, b.ada, 100);
        String before = checkpoint(b.code);
        String gift = transfer(b.code, b.ada, b.bob, 40, "GIFT").field("id");
        String afterGift = checkpoint(b.code);
        transfer(b.code, b.bob, b.ada, 5, "GIFT");
        String later = checkpoint(b.code);
        issue(b.scheme, b.bob, 7); // Ada's chain does not move in this one, Bob's does
        String latest = checkpoint(b.code);

        // a careful forger: 40 becomes 10 on both sides, every later balance kept consistent
        sql("UPDATE posting SET amount_minutes = -10, balance_after_minutes = 90 WHERE entry_id = ? AND account_id = ?", gift, b.ada);
        sql("UPDATE posting SET amount_minutes = 10, balance_after_minutes = 10 WHERE entry_id = ? AND account_id = ?", gift, b.bob);

        assertThat(verify(b.code, before).get("matches").asBoolean()).as("before the rewritten posting").isTrue();
        for (String checkpoint : List.of(afterGift, later, latest)) {
            JsonNode verification = verify(b.code, checkpoint);
            assertThat(verification.get("matches").asBoolean()).as(checkpoint).isFalse();
            assertThat(verification.get("recomputedDigest").asText()).isNotEqualTo(verification.get("recordedDigest").asText());
            assertThat(verification.get("mismatches").findValuesAsText("accountId")).containsExactlyInAnyOrder(b.ada, b.bob);
        }
    }

    @Test
    void aChangedEntryOrARemovedPostingIsCaughtToo() throws Exception {
        Books b = books();
        String issued = issue(b.scheme, b.ada, 100).get("id").asText();
        String checkpoint = checkpoint(b.code);
        sql("UPDATE journal_entry SET memo = 'nothing to see here' WHERE id = ?", issued);
        JsonNode verification = verify(b.code, checkpoint);
        assertThat(verification.get("matches").asBoolean()).isFalse();
        assertThat(verification.get("mismatchCount").asLong()).isEqualTo(2); // the entry's two postings' accounts
    }

    @Test
    void aFailedReconciliationMakesReadinessReportItAndLogsTheMismatches() throws Exception {
        Books b = books();
        String gift = issue(b.scheme, b.ada, 100).get("id").asText();
        checkpoint(b.code);
        assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
        Logger log = (Logger) LoggerFactory.getLogger(ReconciliationSchedule.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        log.addAppender(captured);
        try {
            sql("UPDATE posting SET amount_minutes = 400 WHERE entry_id = ? AND account_id = ?", gift, b.ada);
            assertThat(metric("timeledger_reconciliation_balanced", b.code)).isEqualTo(1.0);
            checkpoint(b.code);
            assertThat(metric("timeledger_reconciliation_balanced", b.code)).isEqualTo(0.0);
            assertThat(metric("timeledger_reconciliation_mismatches", b.code)).isPositive();
            assertThat(metric("timeledger_reconciliation_duration_seconds", b.code)).isPositive();
            Api.Reply readiness = anonymous.get("/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(captured.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains("scheme " + b.code + ": NOT BALANCED")
                        .contains("POSTING_HASH_MISMATCH").contains(b.ada);
            });
            // no checkpoint is taken of books that do not balance: only the one from before
            assertThat(checkpoints(b.code)).hasSize(1);

            // mended, the next run passes and readiness is back
            sql("UPDATE posting SET amount_minutes = 100 WHERE entry_id = ? AND account_id = ?", gift, b.ada);
            checkpoint(b.code);
            assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
            assertThat(metric("timeledger_reconciliation_balanced", b.code)).isEqualTo(1.0);
        } finally {
            log.detachAppender(captured);
        }
    }

    @Test
    void onlyTheSchemesAuditorsAndAdministratorsVerify() {
        Books b = books();
        issue(b.scheme, b.ada, 100);
        String checkpoint = checkpoint(b.code);
        String path = "/v1/schemes/" + b.code + "/checkpoints/" + checkpoint + "/verification";
        assertThat(staff(b.code, "ADMIN").get(path).status()).isEqualTo(200);
        String organisation = admin.post("/v1/schemes/" + b.code + "/organisations", org.timeledger.testing.Api.object("name", "Club")).field("id");
        assertThat(staff(b.code, "COORDINATOR", organisation).get(path).status()).isEqualTo(403);
        assertThat(anonymous.get(path).status()).isEqualTo(401);
        String other = createScheme().get("code").asText();
        assertThat(staff(other, "AUDITOR").get(path).status()).isEqualTo(404);
        // another scheme's checkpoint under this scheme's code is not found
        issue(get(other), registerMember(other, "Cy").get("accountId").asText(), 5);
        String foreign = checkpoint(other);
        assertThat(staff(b.code, "AUDITOR").get("/v1/schemes/" + b.code + "/checkpoints/" + foreign + "/verification").status())
                .isEqualTo(404);
    }

    /** A scheme's series in the Prometheus scrape, as an operator's dashboard reads it. */
    private double metric(String name, String schemeCode) {
        MetricsTests.Scrape scrape = MetricsTests.Scrape.of(anonymous.get("/metrics").body());
        assertThat(scrape.labelValues(name, "scheme")).as(name + " in the scrape").contains(schemeCode);
        return scrape.value(name, "scheme", schemeCode);
    }

    private JsonNode get(String code) {
        return admin.get("/v1/schemes/" + code).json();
    }

    private void sql(String statement, String... parameters) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            assertThat(ps.executeUpdate()).as(statement).isEqualTo(1);
        }
    }
}

package org.timeledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.ServiceTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with access to the database edits the books with SQL. Reconciliation must say so,
 * and say what: the kind of mismatch and the account or entry it is on.
 */
public abstract class TamperDetectionTests extends ServiceTest {

    /** A scheme where Ada was issued 100 minutes and gave Bob 40. */
    private record Books(String code, String ada, String bob, String issueId, String giftId) {
    }

    private Books books() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        String issueId = issue(scheme, ada, 100).get("id").asText();
        String giftId = transfer(code, ada, bob, 40, "GIFT").field("id");
        assertThat(reconcile(code).get("balanced").asBoolean()).isTrue();
        return new Books(code, ada, bob, issueId, giftId);
    }

    @Test
    void aChangedPostingAmountIsNamed() throws Exception {
        Books b = books();
        sql("UPDATE posting SET amount_minutes = 400 WHERE entry_id = ? AND account_id = ?", b.giftId, b.bob);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).contains("POSTING_HASH_MISMATCH", "ENTRY_NOT_BALANCED", "ACCOUNT_BALANCE_MISMATCH");
        assertThat(mismatch(report, "POSTING_HASH_MISMATCH").get("entryId").asText()).isEqualTo(b.giftId);
        assertThat(mismatch(report, "POSTING_HASH_MISMATCH").get("accountId").asText()).isEqualTo(b.bob);
        assertThat(mismatch(report, "ENTRY_NOT_BALANCED").get("actualMinutes").asLong()).isEqualTo(360);
        assertThat(mismatch(report, "ACCOUNT_BALANCE_MISMATCH").get("accountId").asText()).isEqualTo(b.bob);
    }

    @Test
    void aPostingRewrittenConsistentlyIsStillCaughtByItsHash() throws Exception {
        Books b = books();
        // a careful forger keeps every sum right: 40 becomes 10 on both sides, balances adjusted
        sql("UPDATE posting SET amount_minutes = -10, balance_after_minutes = 90 WHERE entry_id = ? AND account_id = ?", b.giftId, b.ada);
        sql("UPDATE posting SET amount_minutes = 10, balance_after_minutes = 10 WHERE entry_id = ? AND account_id = ?", b.giftId, b.bob);
        sql("UPDATE account SET balance_minutes = 90 WHERE id = ?", b.ada);
        sql("UPDATE account SET balance_minutes = 10 WHERE id = ?", b.bob);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(report.get("sumMinutes").asLong()).as("the sums were kept right").isZero();
        assertThat(kinds(report)).containsOnly("POSTING_HASH_MISMATCH");
        assertThat(entryIds(report)).containsOnly(b.giftId);
    }

    @Test
    void aChangedEntryIsNamed() throws Exception {
        Books b = books();
        sql("UPDATE journal_entry SET memo = 'nothing to see here' WHERE id = ?", b.giftId);
        sql("UPDATE journal_entry SET posted_at = posted_at - INTERVAL '30' DAY WHERE id = ?", b.issueId);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).containsOnly("POSTING_HASH_MISMATCH");
        assertThat(entryIds(report)).containsExactlyInAnyOrder(b.giftId, b.giftId, b.issueId, b.issueId);
    }

    @Test
    void aChangedEntryTypeIsNamed() throws Exception {
        Books b = books();
        sql("UPDATE journal_entry SET type = 'EXCHANGE' WHERE id = ?", b.giftId);

        assertThat(entryIds(reconcile(b.code))).containsOnly(b.giftId);
    }

    @Test
    void aChangedBalanceIsNamed() throws Exception {
        Books b = books();
        sql("UPDATE account SET balance_minutes = balance_minutes + 600 WHERE id = ?", b.bob);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(report.get("sumMinutes").asLong()).isEqualTo(600);
        assertThat(kinds(report)).containsExactlyInAnyOrder("SCHEME_NOT_BALANCED", "ACCOUNT_BALANCE_MISMATCH");
        JsonNode account = mismatch(report, "ACCOUNT_BALANCE_MISMATCH");
        assertThat(account.get("accountId").asText()).isEqualTo(b.bob);
        assertThat(account.get("expectedMinutes").asLong()).isEqualTo(40);
        assertThat(account.get("actualMinutes").asLong()).isEqualTo(640);
    }

    @Test
    void aDeletedPostingIsNamed() throws Exception {
        Books b = books();
        sql("DELETE FROM posting WHERE entry_id = ? AND account_id = ?", b.giftId, b.bob);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).contains("ENTRY_TOO_FEW_POSTINGS", "ENTRY_NOT_BALANCED", "ACCOUNT_BALANCE_MISMATCH",
                "ACCOUNT_CHAIN_HEAD_MISMATCH");
        assertThat(mismatch(report, "ENTRY_TOO_FEW_POSTINGS").get("entryId").asText()).isEqualTo(b.giftId);
    }

    @Test
    void aPostingMovedToAnotherAccountIsNamed() throws Exception {
        Books b = books();
        String carol = registerMember(b.code, "Carol").get("accountId").asText();
        sql("UPDATE posting SET account_id = ? WHERE entry_id = ? AND account_id = ?", carol, b.giftId, b.bob);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).contains("POSTING_HASH_MISMATCH", "ACCOUNT_BALANCE_MISMATCH", "ACCOUNT_CHAIN_HEAD_MISMATCH");
        assertThat(accountIds(report)).contains(b.bob, carol);
    }

    @Test
    void aHeldAmountWithoutHoldsIsNamed() throws Exception {
        Books b = books();
        sql("UPDATE account SET held_minutes = 30 WHERE id = ?", b.ada);

        JsonNode report = reconcile(b.code);

        assertThat(kinds(report)).containsOnly("ACCOUNT_HELD_MISMATCH");
        assertThat(accountIds(report)).containsOnly(b.ada);
    }

    private void sql(String statement, String... parameters) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            assertThat(ps.executeUpdate()).as(statement).isEqualTo(1);
        }
    }

    private static List<String> kinds(JsonNode report) {
        return values(report, "kind");
    }

    private static List<String> entryIds(JsonNode report) {
        return values(report, "entryId");
    }

    private static List<String> accountIds(JsonNode report) {
        return values(report, "accountId");
    }

    private static List<String> values(JsonNode report, String field) {
        List<String> values = new ArrayList<>();
        report.get("mismatches").forEach(m -> {
            if (m.has(field)) {
                values.add(m.get(field).asText());
            }
        });
        return values;
    }

    private static JsonNode mismatch(JsonNode report, String kind) {
        for (JsonNode m : report.get("mismatches")) {
            if (m.get("kind").asText().equals(kind)) {
                return m;
            }
        }
        throw new AssertionError("no " + kind + " in " + report);
    }

    @Test
    void aLoweredFloorIsNamedBeforeAnyoneCanOverspend() throws Exception {
        Books b = books();
        sql("UPDATE account SET floor_minutes = -6000000 WHERE id = ?", b.ada);

        JsonNode report = reconcile(b.code);

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(kinds(report)).containsOnly("POSTING_HASH_MISMATCH");
        assertThat(accountIds(report)).containsOnly(b.ada);
        assertThat(mismatch(report, "POSTING_HASH_MISMATCH").get("seq").asLong()).isEqualTo(1);
        assertThat(mismatch(report, "POSTING_HASH_MISMATCH").get("detail").asText()).contains("floor");
    }

    @Test
    void changedAccountAttributesAreNamedEvenWithoutPostings() throws Exception {
        Books b = books();
        String carol = registerMember(b.code, "Carol").get("accountId").asText();
        String dan = registerMember(b.code, "Dan").get("accountId").asText();
        sql("UPDATE account SET kind = 'ORGANISATION' WHERE id = ?", carol);
        sql("UPDATE account SET owner_id = 'mem_someone_else' WHERE id = ?", dan);

        JsonNode report = reconcile(b.code);

        assertThat(kinds(report)).containsOnly("ACCOUNT_CHAIN_HEAD_MISMATCH");
        assertThat(accountIds(report)).containsExactlyInAnyOrder(carol, dan);
    }

    @Test
    void everyMismatchIsCountedThoughAtMostAThousandAreListed() throws Exception {
        Books b = books();
        String schemeId;
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT scheme_id FROM account WHERE id = ?")) {
            ps.setString(1, b.ada);
            try (var rs = ps.executeQuery()) {
                rs.next();
                schemeId = rs.getString(1);
            }
        }
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("INSERT INTO journal_entry "
                + "(id, scheme_id, type, memo, actor, posted_at) VALUES (?, ?, 'GIFT', 'forged', 'nobody', CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < 1_001; i++) {
                ps.setString(1, "ent_forged_" + i);
                ps.setString(2, schemeId);
                ps.addBatch();
            }
            ps.executeBatch();
        }

        JsonNode report = reconcile(b.code);

        assertThat(report.get("mismatchCount").asLong()).isEqualTo(1_001);
        assertThat(report.get("mismatches")).hasSize(1_000);
        assertThat(kinds(report)).containsOnly("ENTRY_TOO_FEW_POSTINGS");
    }
}

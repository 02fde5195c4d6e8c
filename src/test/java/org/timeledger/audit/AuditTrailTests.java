package org.timeledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The audit log: every change that is not a ledger entry leaves exactly one row, written in
 * the change's transaction, with who, when, the request id and the fields before and after,
 * personal data masked; a refused change leaves none; a row edited, removed or moved with SQL
 * is named by reconciliation; only the scheme's administrators and auditors read it.
 */
public abstract class AuditTrailTests extends ServiceTest {

    /** A scheme with an organisation, a partner and a kind of help. */
    private record Scheme(JsonNode json, String code, String id, String organisation, String partner) {
    }

    private Scheme scheme() {
        JsonNode json = createScheme("memberFloorMinutes", -600, "lowestMemberFloorMinutes", -1200);
        String code = json.get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Leisure centre")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        return new Scheme(json, code, schemeId(code), organisation, partner);
    }

    /** Every row of the scheme's log, page by page. */
    private List<JsonNode> log(String code) {
        List<JsonNode> rows = new ArrayList<>();
        String after = null;
        do {
            Api.Reply page = admin.get("/v1/schemes/" + code + "/audit?limit=7" + (after == null ? "" : "&after=" + after));
            expect(page, 200);
            page.json().get("items").forEach(rows::add);
            after = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
        } while (after != null);
        return rows;
    }

    private List<JsonNode> rowsSince(String code, int count) {
        List<JsonNode> rows = log(code);
        return rows.subList(count, rows.size());
    }

    private static List<String> actions(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("action").asText()).toList();
    }

    private static JsonNode change(JsonNode row, String field) {
        for (JsonNode c : row.get("changes")) {
            if (c.get("field").asText().equals(field)) {
                return c;
            }
        }
        throw new AssertionError("no change of " + field + " in " + row);
    }

    private static boolean changes(JsonNode row, String field) {
        for (JsonNode c : row.get("changes")) {
            if (c.get("field").asText().equals(field)) {
                return true;
            }
        }
        return false;
    }

    private String schemeId(String code) {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT id FROM scheme WHERE code = ?")) {
            ps.setString(1, code);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement, Object... params) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String yesterday() {
        return LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
    }

    // ---- what is recorded ----

    @Test
    void aMembersDetailsChangeIsOneRowWithWhoWhenTheRequestAndPersonalDataMasked() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        int before = log(s.code()).size();

        Api.Reply changed = admin.send("PATCH", "/v1/members/" + ada, object("displayName", "Ada Lovelace", "ward", "North",
                "phone", "01632 960123", "notes", "Keys with neighbour"), "X-Request-Id", "req-audit-1");

        expect(changed, 200);
        List<JsonNode> rows = rowsSince(s.code(), before);
        assertThat(actions(rows)).containsExactly("MEMBER_UPDATED");
        JsonNode row = rows.get(0);
        assertThat(row.get("sequence").asLong()).isEqualTo(before + 1);
        assertThat(row.get("requestId").asText()).isEqualTo("req-audit-1");
        assertThat(row.get("actor").get("id").asText()).isEqualTo(adminId());
        assertThat(row.get("actor").get("username").asText()).isEqualTo("admin");
        assertThat(row.get("actor").get("role").asText()).isEqualTo("ADMIN");
        assertThat(row.get("subject").get("type").asText()).isEqualTo("MEMBER");
        assertThat(row.get("subject").get("id").asText()).isEqualTo(ada);
        assertThat(change(row, "ward").get("after").asText()).isEqualTo("North");
        assertThat(change(row, "ward").has("before")).isFalse();
        for (String personal : List.of("displayName", "phone", "notes")) {
            JsonNode c = change(row, personal);
            assertThat(c.get("masked").asBoolean()).as(personal).isTrue();
            assertThat(c.has("before") || c.has("after")).as(personal).isFalse();
        }
        assertThat(changes(row, "email")).as("not changed, not listed").isFalse();
        assertThat(rows.get(0).toString()).doesNotContain("Lovelace", "960123", "neighbour");
    }

    @Test
    void eachChangeOfTheSchemeIsOneRowInOrder() {
        Scheme s = scheme();
        assertThat(actions(log(s.code()))).containsExactly("SCHEME_CREATED", "ORGANISATION_CREATED", "PARTNER_CREATED",
                "CATEGORY_CREATED");
        JsonNode ada = registerMember(s.code(), "Ada");
        String adaId = ada.get("id").asText();
        String bob = registerMember(s.code(), "Bob").get("id").asText();
        int start = log(s.code()).size();

        expect(admin.send("PATCH", "/v1/schemes/" + s.code(), object("memberFloorMinutes", -300)), 200);
        expect(admin.send("PUT", "/v1/members/" + adaId + "/limits", object("floorMinutes", -900, "reason", "trusted")), 200);
        Api.Reply key = admin.post("/v1/partners/" + s.partner() + "/api-keys", object("label", "front desk"));
        expect(key, 201);
        expect(admin.send("DELETE", "/v1/api-keys/" + key.field("id"), null), 204);
        expect(admin.send("PUT", "/v1/members/" + adaId + "/vetting", object("status", "CLEARED", "checkedOn", yesterday())), 200);
        Api.Reply offer = admin.post("/v1/partners/" + s.partner() + "/offers", object("title", "Swim", "amountMinutes", 60));
        expect(offer, 201);
        expect(admin.send("PATCH", "/v1/offers/" + offer.field("id"), object("amountMinutes", 90)), 200);
        expect(admin.post("/v1/members/" + adaId + "/card/replacement", null), 201);
        expect(admin.post("/v1/members/" + adaId + "/activation-code", null), 201);
        expect(admin.post("/v1/members/" + bob + "/deactivation", object("reason", "Moved away")), 200);
        expect(admin.post("/v1/members/" + bob + "/reactivation", null), 200);
        expect(admin.post("/v1/schemes/" + s.code() + "/staff", object("username", "audit-coord-" + s.code(),
                "password", "staff-password-1", "role", "COORDINATOR", "organisationIds", List.of(s.organisation()))), 201);
        expect(admin.send("DELETE", "/v1/members/" + bob + "/personal-data", null, "Idempotency-Key", newKey()), 200);

        List<JsonNode> rows = rowsSince(s.code(), start);
        assertThat(actions(rows)).containsExactly("SETTINGS_CHANGED", "LIMIT_CHANGED", "TILL_KEY_ISSUED", "TILL_KEY_REVOKED",
                "VETTING_RECORDED", "OFFER_CREATED", "OFFER_UPDATED", "CARD_REPLACED", "ACTIVATION_CODE_ISSUED",
                "MEMBER_DEACTIVATED", "MEMBER_REACTIVATED", "STAFF_CREATED", "MEMBER_ERASED");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("sequence").asLong()).isEqualTo(start + i + 1);
        }
        JsonNode settings = rows.get(0);
        assertThat(change(settings, "memberFloorMinutes").get("before").asText()).isEqualTo("-600");
        assertThat(change(settings, "memberFloorMinutes").get("after").asText()).isEqualTo("-300");
        assertThat(settings.get("changes")).hasSize(1);
        JsonNode limit = rows.get(1);
        assertThat(limit.get("subject").get("id").asText()).isEqualTo(adaId);
        assertThat(change(limit, "floorMinutes").get("before").asText()).as("moved with the scheme").isEqualTo("-300");
        assertThat(change(limit, "floorMinutes").get("after").asText()).isEqualTo("-900");
        assertThat(rows.get(2).get("subject").get("id").asText()).isEqualTo(key.field("id"));
        assertThat(change(rows.get(4), "status").get("masked").asBoolean()).as("a vetting outcome").isTrue();
        assertThat(change(rows.get(6), "amountMinutes").get("before").asText()).isEqualTo("60");
        assertThat(change(rows.get(6), "amountMinutes").get("after").asText()).isEqualTo("90");
        assertThat(change(rows.get(7), "cardNumber").get("masked").asBoolean()).isTrue();
        assertThat(change(rows.get(9), "reason").get("masked").asBoolean()).isTrue();
        assertThat(change(rows.get(11), "role").get("after").asText()).isEqualTo("COORDINATOR");
        assertThat(change(rows.get(12), "displayName").get("masked").asBoolean()).isTrue();
        assertThat(rows.toString()).doesNotContain(ada.get("cardNumber").asText(), "Moved away", "\"Bob\"");
        assertThat(reconcile(s.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aMemberActingForThemselvesIsRecordedByIdWithoutTheirUsername() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        int start = log(s.code()).size();

        expect(ada.api().post("/v1/me/card/replacement", null), 201);

        List<JsonNode> rows = rowsSince(s.code(), start);
        assertThat(actions(rows)).containsExactly("CARD_REPLACED");
        JsonNode actor = rows.get(0).get("actor");
        assertThat(actor.get("role").asText()).isEqualTo("MEMBER");
        assertThat(actor.has("username")).isFalse();
        assertThat(rows.get(0).toString()).doesNotContain(ada.username());
    }

    @Test
    void staffChangesAndPasswordsAreRowsWithThePasswordsNeverKept() {
        Scheme s = scheme();
        Api.Reply created = admin.post("/v1/schemes/" + s.code() + "/staff", object("username", "cora-" + s.code(),
                "password", "cora-password-1", "role", "COORDINATOR", "organisationIds", List.of(s.organisation())));
        expect(created, 201);
        String cora = created.field("id");
        String username = created.field("username");
        int start = log(s.code()).size();

        expect(admin.send("PATCH", "/v1/staff/" + cora, object("role", "AUDITOR")), 200);
        expect(admin.send("PATCH", "/v1/staff/" + cora, object("role", "AUDITOR")), 200);
        expect(admin.post("/v1/staff/" + cora + "/deactivation", object("reason", "Left the centre")), 200);
        expect(admin.post("/v1/staff/" + cora + "/deactivation", object("reason", "Again")), 200);
        expect(admin.post("/v1/staff/" + cora + "/reactivation", null), 200);
        Api.Reply reset = admin.post("/v1/staff/" + cora + "/password-reset", null);
        expect(reset, 201);
        expect(anonymous.post("/v1/password-reset", object("username", username, "code", reset.field("code"),
                "newPassword", "cora-password-2")), 204);
        expect(anonymous.login(username, "cora-password-2").post("/v1/me/password",
                object("currentPassword", "cora-password-2", "newPassword", "cora-password-3")), 204);

        List<JsonNode> rows = rowsSince(s.code(), start);
        assertThat(actions(rows)).as("a change that changes nothing is no row").containsExactly("STAFF_UPDATED",
                "STAFF_DEACTIVATED", "STAFF_REACTIVATED", "STAFF_PASSWORD_RESET", "PASSWORD_CHANGED", "PASSWORD_CHANGED");
        for (JsonNode row : rows) {
            assertThat(row.get("subject").get("type").asText()).isEqualTo("STAFF");
            assertThat(row.get("subject").get("id").asText()).isEqualTo(cora);
        }
        assertThat(change(rows.get(0), "role").get("before").asText()).isEqualTo("COORDINATOR");
        assertThat(change(rows.get(0), "role").get("after").asText()).isEqualTo("AUDITOR");
        assertThat(change(rows.get(0), "organisationIds").get("before").asText()).isEqualTo(s.organisation());
        assertThat(change(rows.get(0), "organisationIds").has("after")).as("an auditor has none").isFalse();
        assertThat(change(rows.get(1), "reason").get("masked").asBoolean()).as("why someone left is theirs, as a member's").isTrue();
        assertThat(change(rows.get(2), "status").get("after").asText()).isEqualTo("ACTIVE");
        assertThat(rows.get(3).get("actor").get("username").asText()).isEqualTo("admin");
        assertThat(rows.get(4).get("actor").get("id").asText()).as("set with the code by its owner").isEqualTo(cora);
        assertThat(rows.get(5).get("actor").get("id").asText()).isEqualTo(cora);
        for (JsonNode row : rows.subList(3, 6)) {
            assertThat(change(row, "password").get("masked").asBoolean()).isTrue();
        }
        assertThat(rows.toString()).doesNotContain(reset.field("code")).doesNotContain("cora-password")
                .doesNotContain("Left the centre");
    }

    @Test
    void aChangeThatChangesNothingOrIsRefusedWritesNoRow() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        Api coordinator = staff(s.code(), "COORDINATOR", s.organisation());
        int start = log(s.code()).size();

        expect(admin.send("PATCH", "/v1/members/" + ada, object("email", "not an address")), 400);
        expect(admin.send("PATCH", "/v1/schemes/" + s.code(), object("lowestMemberFloorMinutes", 60)), 400);
        expect(admin.send("PUT", "/v1/members/" + ada + "/limits", object("floorMinutes", -6000, "reason", "x")), 422);
        expect(coordinator.send("PATCH", "/v1/members/" + ada, object("ward", "South")), 403);
        expect(admin.send("PATCH", "/v1/members/" + ada, object("ward", null)), 400);
        expect(admin.send("PATCH", "/v1/members/" + ada, object()), 200);
        expect(admin.send("PATCH", "/v1/schemes/" + s.code(), object("name", "Test scheme")), 200);

        assertThat(log(s.code())).hasSize(start);
    }

    // ---- tamper evidence ----

    private Scheme schemeWithRows() {
        Scheme s = scheme();
        String ada = registerMember(s.code(), "Ada").get("id").asText();
        expect(admin.send("PATCH", "/v1/members/" + ada, object("ward", "North")), 200);
        expect(admin.send("PATCH", "/v1/members/" + ada, object("ward", "South")), 200);
        assertThat(reconcile(s.code()).get("balanced").asBoolean()).isTrue();
        assertThat(log(s.code())).hasSize(7);
        return s;
    }

    private static List<String> auditMismatches(JsonNode report) {
        List<String> found = new ArrayList<>();
        for (JsonNode m : report.get("mismatches")) {
            if (m.get("kind").asText().startsWith("AUDIT_")) {
                found.add(m.get("kind").asText() + " " + m.get("seq").asLong());
            }
        }
        return found;
    }

    @Test
    void aRowEditedWithSqlIsNamedBySequence() throws Exception {
        Scheme s = schemeWithRows();
        sql("UPDATE audit_record SET changes = REPLACE(changes, 'South', 'East') WHERE scheme_id = ? AND sequence = 7", s.id());

        JsonNode report = reconcile(s.code());

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(auditMismatches(report)).containsExactly("AUDIT_ROW_MISMATCH 7");
    }

    @Test
    void anEditedActorOrTimeIsNamedToo() throws Exception {
        Scheme s = schemeWithRows();
        sql("UPDATE audit_record SET actor_name = 'someone-else' WHERE scheme_id = ? AND sequence = 5", s.id());
        sql("UPDATE audit_record SET recorded_at = recorded_at - INTERVAL '1' DAY WHERE scheme_id = ? AND sequence = 2", s.id());

        assertThat(auditMismatches(reconcile(s.code()))).containsExactly("AUDIT_ROW_MISMATCH 2", "AUDIT_ROW_MISMATCH 5");
    }

    @Test
    void aRemovedRowBreaksTheChainWhereItWas() throws Exception {
        Scheme s = schemeWithRows();
        sql("DELETE FROM audit_record WHERE scheme_id = ? AND sequence = 6", s.id());

        JsonNode report = reconcile(s.code());

        assertThat(report.get("balanced").asBoolean()).isFalse();
        assertThat(auditMismatches(report)).containsExactly("AUDIT_CHAIN_BROKEN 7");
        assertThat(report.toString()).contains("where 6 was expected");

        var schedule = server.getApplicationContext().getBean(org.timeledger.operations.ReconciliationSchedule.class);
        var schemes = server.getApplicationContext().getBean(org.timeledger.schemes.SchemeService.class);
        var scheduled = schedule.run(schemes.get(s.code()));
        assertThat(scheduled.balanced()).as("the scheduled reconciliation names it too").isFalse();
        assertThat(scheduled.mismatchCount()).isEqualTo(1);
        assertThat(scheduled.checkpoint()).as("and publishes no checkpoint over it").isEmpty();
    }

    @Test
    void theNewestRowRemovedIsNamedByTheHead() throws Exception {
        Scheme s = schemeWithRows();
        sql("DELETE FROM audit_record WHERE scheme_id = ? AND sequence = 7", s.id());

        assertThat(auditMismatches(reconcile(s.code()))).containsExactly("AUDIT_CHAIN_BROKEN 7");
    }

    @Test
    void rowsSwappedOrInsertedAreNamed() throws Exception {
        Scheme s = schemeWithRows();
        sql("UPDATE audit_record SET sequence = 100 WHERE scheme_id = ? AND sequence = 6", s.id());
        sql("UPDATE audit_record SET sequence = 6 WHERE scheme_id = ? AND sequence = 7", s.id());
        sql("UPDATE audit_record SET sequence = 7 WHERE scheme_id = ? AND sequence = 100", s.id());

        assertThat(auditMismatches(reconcile(s.code()))).as("the head names the last row moved too")
                .containsExactly("AUDIT_ROW_MISMATCH 6", "AUDIT_ROW_MISMATCH 7", "AUDIT_CHAIN_BROKEN 7");

        Scheme t = schemeWithRows();
        sql("INSERT INTO audit_record (scheme_id, sequence, recorded_at, actor_id, actor_name, actor_role, request_id, action, "
                + "subject_type, subject_id, changes, chain_hash) SELECT scheme_id, 8, recorded_at, actor_id, actor_name, "
                + "actor_role, request_id, action, subject_type, subject_id, changes, chain_hash FROM audit_record "
                + "WHERE scheme_id = ? AND sequence = 7", t.id());

        assertThat(auditMismatches(reconcile(t.code()))).containsExactly("AUDIT_ROW_MISMATCH 8", "AUDIT_CHAIN_BROKEN 7");
    }

    @Test
    void anotherSchemesLogIsUntouchedByTamperingWithThisOne() throws Exception {
        Scheme s = schemeWithRows();
        Scheme other = schemeWithRows();
        sql("DELETE FROM audit_record WHERE scheme_id = ? AND sequence = 3", s.id());

        assertThat(auditMismatches(reconcile(other.code()))).isEmpty();
        assertThat(reconcile(other.code()).get("balanced").asBoolean()).isTrue();
    }

    // ---- who may read it ----

    @Test
    void administratorsAndAuditorsReadItOthersAreRefused() {
        Scheme s = scheme();
        Scheme other = scheme();
        MemberLogin member = memberLogin(s.code(), "Ada");
        Api coordinator = staff(s.code(), "COORDINATOR", s.organisation());
        Api auditor = staff(s.code(), "AUDITOR");
        Api schemeAdmin = staff(s.code(), "ADMIN");
        Api till = till(s.partner());
        String path = "/v1/schemes/" + s.code() + "/audit";

        assertThat(auditor.get(path).status()).isEqualTo(200);
        assertThat(schemeAdmin.get(path).status()).isEqualTo(200);
        assertThat(member.api().get(path).status()).isEqualTo(403);
        assertThat(coordinator.get(path).status()).isEqualTo(403);
        assertThat(till.get(path).status()).isEqualTo(403);
        assertThat(anonymous.get(path).status()).isEqualTo(401);
        assertThat(schemeAdmin.get("/v1/schemes/" + other.code() + "/audit").status()).isEqualTo(404);
        assertThat(auditor.get("/v1/schemes/" + other.code() + "/audit").status()).isEqualTo(404);
    }

    @Test
    void pagesFollowInSequenceOrder() {
        Scheme s = schemeWithRows();

        Api.Reply first = admin.get("/v1/schemes/" + s.code() + "/audit?limit=3");
        Api.Reply second = admin.get("/v1/schemes/" + s.code() + "/audit?limit=3&after=" + first.field("nextCursor"));
        Api.Reply last = admin.get("/v1/schemes/" + s.code() + "/audit?limit=3&after=" + second.field("nextCursor"));

        assertThat(Api.ids(first.json().get("items"), "sequence")).containsExactly("1", "2", "3");
        assertThat(Api.ids(second.json().get("items"), "sequence")).containsExactly("4", "5", "6");
        assertThat(Api.ids(last.json().get("items"), "sequence")).containsExactly("7");
        assertThat(last.json().has("nextCursor")).isFalse();
        assertThat(admin.get("/v1/schemes/" + s.code() + "/audit?after=nonsense").status()).isEqualTo(400);
    }

    // ---- appends take turns ----

    @Test
    void concurrentChangesTakeEverySequenceOnceWithNoGap() throws Exception {
        Scheme s = scheme();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(registerMember(s.code(), "Member " + i).get("id").asText());
        }
        int start = log(s.code()).size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < members.size(); i++) {
                    String id = members.get(i);
                    String ward = "Ward " + round + "-" + i;
                    replies.add(pool.submit(() -> admin.send("PATCH", "/v1/members/" + id, object("ward", ward)).status()));
                }
            }
            for (Future<Integer> reply : replies) {
                assertThat(reply.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> rows = log(s.code());
        Set<Long> sequences = new HashSet<>();
        rows.forEach(r -> sequences.add(r.get("sequence").asLong()));
        assertThat(rows).hasSize(start + 24);
        assertThat(sequences).hasSize(rows.size());
        assertThat(rows.get(rows.size() - 1).get("sequence").asLong()).isEqualTo(rows.size());
        assertThat(reconcile(s.code()).get("balanced").asBoolean()).isTrue();
    }
}

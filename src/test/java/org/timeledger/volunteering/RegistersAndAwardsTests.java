package org.timeledger.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Attendance registers (JSON and CSV), opportunities' sign-up and attendance awards, where
 * earned credits come from (ISSUANCE or an organisation's allocation), and grants from the pot.
 */
public abstract class RegistersAndAwardsTests extends VolunteeringFixtures {

    Api.Reply register(World w, Api as, List<String> memberIds, long minutes, boolean approve) {
        return as.post("/v1/schemes/" + w.code() + "/activities/register", object("organisationId", w.organisation(),
                "date", today().toString(), "minutes", minutes, "categoryCode", "shopping", "description", "Lunch club",
                "memberIds", memberIds, "approve", approve), "Idempotency-Key", newKey());
    }

    Api.Reply csv(World w, Api as, String query, String body) {
        return as.post("/v1/schemes/" + w.code() + "/activities/register?organisationId=" + w.organisation() + "&date="
                + today() + "&categoryCode=shopping" + query, body, "Content-Type", "text/csv", "Idempotency-Key", newKey());
    }

    List<String> members(World w, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(registerMember(w.code(), "Member " + i).get("id").asText());
        }
        return ids;
    }

    // ---- registers ----

    @Test
    void aRegisterOfAThousandMembersPostsAThousandEarnEntriesInOneRequest() throws Exception {
        World w = world();
        List<String> ids = members(w, 1_000);

        Api.Reply reply = register(w, w.coordinator(), ids, 120, true);

        expect(reply, 201);
        assertThat(reply.number("count")).isEqualTo(1_000);
        assertThat(reply.number("totalMinutes")).isEqualTo(120_000);
        assertThat(reply.field("status")).isEqualTo("APPROVED");
        JsonNode activities = reply.json().get("activities");
        assertThat(activities).hasSize(1_000);
        assertThat(activities).extracting(a -> a.get("entryId").asText()).doesNotHaveDuplicates();
        JsonNode someone = admin.get("/v1/members/" + ids.get(737)).json();
        assertThat(balance(someone.get("accountId").asText())).isEqualTo(120);
        assertThat(balance(w.scheme().get("issuanceAccountId").asText())).isEqualTo(-120_000);
        assertThat(earnEntries(w)).isEqualTo(1_000);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aRegisterWithoutApprovalLogsPendingActivitiesToApproveOneByOne() {
        World w = world();
        List<String> ids = members(w, 3);

        Api.Reply reply = register(w, w.coordinator(), ids, 60, false);

        expect(reply, 201);
        assertThat(reply.field("status")).isEqualTo("PENDING");
        String first = reply.json().get("activities").get(0).get("id").asText();
        expect(approve(w.coordinator(), first), 200);
        assertThat(earnEntries(w)).isEqualTo(1);
    }

    @Test
    void aRegisterIsAllOrNothingAndNamesEveryRefusedLine() {
        World w = world();
        List<String> ids = members(w, 4);
        log(w, w.coordinator(), ids.get(2), today(), 1_400, "shopping");
        List<String> lines = List.of(ids.get(0), "mem_nobody", ids.get(2), ids.get(0), ids.get(3));

        Api.Reply reply = register(w, w.coordinator(), lines, 60, true);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().get("lines")).extracting(l -> l.get("line").asInt() + ":" + l.get("rule").asText())
                .containsExactly("2:unknown_member", "3:daily_limit", "4:duplicate_member");
        assertThat(earnEntries(w)).isZero();
        assertThat(admin.get("/v1/schemes/" + w.code() + "/activities").json().get("items"))
                .as("only the activity logged before").hasSize(1);
    }

    @Test
    void aRegisterRefusedOnlyByRulesSaysRuleViolated() {
        World w = world();
        List<String> ids = members(w, 2);

        Api.Reply reply = register(w, w.coordinator(), ids, 1_441, false);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("rule_violated");
        assertThat(reply.field("rule")).isEqualTo("minutes_per_activity");
        assertThat(reply.json().get("lines")).hasSize(2);
    }

    @Test
    void aRegisterOfMoreThanAThousandLinesIsRefused() {
        World w = world();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add("mem_" + i);
        }
        StringBuilder file = new StringBuilder();
        many.forEach(id -> file.append(id).append(",60\n"));

        assertThat(register(w, w.coordinator(), many, 60, false).status()).isEqualTo(400);
        Api.Reply uploaded = csv(w, w.coordinator(), "", file.toString());
        assertThat(uploaded.status()).isEqualTo(400);
        assertThat(uploaded.field("detail")).contains("1,000");
    }

    @Test
    void aRegisterUploadedAsCsvNamesMembersByIdOrCardNumber() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        JsonNode bob = registerMember(w.code(), "Bob");
        String card = bob.get("cardNumber").asText();
        String printed = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);
        String file = "\uFEFFmemberId or cardNumber,minutes\r\n" + ada.get("id").asText() + ",90,,\r\n\r\n\"" + printed + "\";45\r\n";

        Api.Reply reply = csv(w, w.coordinator(), "&approve=true&description=Lunch%20club", file);

        expect(reply, 201);
        assertThat(reply.json().get("activities")).extracting(a -> a.get("memberName").asText() + ":" + a.get("minutes").asInt())
                .containsExactly("Ada:90", "Bob:45");
        assertThat(balance(bob.get("accountId").asText())).isEqualTo(45);
    }

    @Test
    void aCsvRegisterTakesTheSessionsMinutesWhereALineHasNone() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        JsonNode bob = registerMember(w.code(), "Bob");

        Api.Reply withDefault = csv(w, w.coordinator(), "&minutes=30", ada.get("id").asText() + "\n" + bob.get("id").asText() + ",20\n");
        Api.Reply withoutDefault = csv(w, w.coordinator(), "", ada.get("id").asText() + "\n");

        expect(withDefault, 201);
        assertThat(withDefault.json().get("activities")).extracting(a -> a.get("minutes").asInt()).containsExactly(30, 20);
        assertThat(withoutDefault.status()).isEqualTo(400);
        assertThat(withoutDefault.json().get("lines").get(0).get("rule").asText()).isEqualTo("invalid_line");
    }

    @Test
    void aCsvRegisterWithBadLinesListsThemByTheirLineInTheFile() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String file = "memberId,minutes\n" + ada.get("id").asText() + ",60\nnot-a-member,60\n" + ada.get("id").asText()
                + ",ten\n1234,5,6\n";

        Api.Reply reply = csv(w, w.coordinator(), "", file);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("lines")).extracting(l -> l.get("line").asInt() + ":" + l.get("rule").asText())
                .containsExactly("3:unknown_member", "4:invalid_line", "5:invalid_line");
        assertThat(csv(w, w.coordinator(), "", "").status()).as("an empty file").isEqualTo(400);
        assertThat(w.coordinator().post("/v1/schemes/" + w.code() + "/activities/register?date=" + today(),
                ada.get("id").asText() + ",60\n", "Content-Type", "text/csv", "Idempotency-Key", newKey()).status())
                .as("no organisation").isEqualTo(400);
    }

    // ---- where earned credits come from ----

    @Test
    void withAllocationsRequiredCreditsAreEarnedFromTheOrganisationsAllocationUntilItRunsOut() {
        World w = world("allocationsRequired", true);
        JsonNode ada = registerMember(w.code(), "Ada");
        Api.Reply allocated = admin.post("/v1/schemes/" + w.code() + "/allocations", object("organisationId", w.organisation(),
                "amountMinutes", 100, "memo", "Q1 allocation"), "Idempotency-Key", newKey());
        expect(allocated, 201);
        assertThat(allocated.field("type")).isEqualTo("ALLOCATION");
        String first = log(w, w.coordinator(), ada.get("id").asText(), today(), 60, "shopping").field("id");
        String second = log(w, w.coordinator(), ada.get("id").asText(), today(), 60, "shopping").field("id");

        expect(approve(w.coordinator(), first), 200);
        Api.Reply exhausted = approve(w.coordinator(), second);

        assertThat(exhausted.status()).isEqualTo(422);
        assertThat(exhausted.code()).isEqualTo("insufficient_credits");
        assertThat(exhausted.field("detail")).contains("40 minutes of its allocation left");
        assertThat(balance(w.organisationAccount())).isEqualTo(40);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(60);
        assertThat(balance(w.scheme().get("issuanceAccountId").asText())).isEqualTo(-100);
        assertThat(w.coordinator().get("/v1/activities/" + second).field("status")).isEqualTo("PENDING");
        Api.Reply register = register(w, w.coordinator(), members(w, 3), 20, true);
        assertThat(register.status()).as("a register beyond the allocation posts nothing").isEqualTo(422);
        assertThat(balance(w.organisationAccount())).isEqualTo(40);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void onlyAdministratorsAllocate() {
        World w = world("allocationsRequired", true);

        Api.Reply byCoordinator = w.coordinator().post("/v1/schemes/" + w.code() + "/allocations",
                object("organisationId", w.organisation(), "amountMinutes", 100), "Idempotency-Key", newKey());

        assertThat(byCoordinator.status()).isEqualTo(403);
    }

    @Test
    void aGrantFromTheCommunityPotNeverExceedsWhatThePotHolds() {
        World w = world();
        MemberLogin donor = memberLogin(w.code(), "Donor");
        JsonNode ada = registerMember(w.code(), "Ada");
        issue(w.scheme(), donor.accountId(), 100);
        expect(donor.api().post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 80), "Idempotency-Key", newKey()), 201);
        String path = "/v1/schemes/" + w.code() + "/grants";

        Api.Reply granted = w.coordinator().post(path, object("memberId", ada.get("id").asText(), "amountMinutes", 50,
                "memo", "Help with a move"), "Idempotency-Key", newKey());
        Api.Reply beyond = w.coordinator().post(path, object("memberId", ada.get("id").asText(), "amountMinutes", 31),
                "Idempotency-Key", newKey());
        Api.Reply rest = w.coordinator().post(path, object("memberId", ada.get("id").asText(), "amountMinutes", 30),
                "Idempotency-Key", newKey());

        expect(granted, 201);
        assertThat(granted.field("type")).isEqualTo("GRANT");
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("insufficient_credits");
        assertThat(beyond.field("detail")).contains("holds 30 minutes");
        expect(rest, 201);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(80);
        assertThat(balance(w.scheme().get("communityPotAccountId").asText())).isZero();
        assertThat(donor.api().post(path, object("memberId", donor.memberId(), "amountMinutes", 1), "Idempotency-Key", newKey())
                .status()).as("members do not grant").isEqualTo(403);
    }

    // ---- opportunities ----

    JsonNode opportunity(World w, LocalDate date, long signup, long attendance) {
        Api.Reply reply = w.coordinator().post("/v1/schemes/" + w.code() + "/opportunities", object("organisationId",
                w.organisation(), "title", "Park clean-up", "date", date.toString(), "signupAwardMinutes", signup,
                "attendanceAwardMinutes", attendance, "categoryCode", "shopping"));
        expect(reply, 201);
        return reply.json();
    }

    @Test
    void aMemberIsAwardedForSigningUpOnceAndForAttendingOnce() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String opportunity = opportunity(w, today(), 30, 120).get("id").asText();
        String signups = "/v1/opportunities/" + opportunity + "/signups";
        String attendance = "/v1/opportunities/" + opportunity + "/attendance";

        Api.Reply signedUp = w.coordinator().post(signups, object("memberId", ada.get("id").asText()), "Idempotency-Key", newKey());
        Api.Reply again = w.coordinator().post(signups, object("memberId", ada.get("id").asText()), "Idempotency-Key", newKey());
        Api.Reply attended = w.coordinator().post(attendance, object("memberIds", List.of(ada.get("id").asText())),
                "Idempotency-Key", newKey());
        Api.Reply attendedAgain = w.coordinator().post(attendance, object("memberIds", List.of(ada.get("id").asText())),
                "Idempotency-Key", newKey());

        expect(signedUp, 201);
        assertThat(signedUp.field("status")).isEqualTo("APPROVED");
        assertThat(signedUp.field("award")).isEqualTo("SIGNUP");
        assertThat(signedUp.number("minutes")).isEqualTo(30);
        expectRule(again, "award_once");
        expect(attended, 201);
        assertThat(attended.json().get("activities").get(0).get("award").asText()).isEqualTo("ATTENDANCE");
        expectRule(attendedAgain, "award_once");
        assertThat(attendedAgain.json().get("lines").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(150);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aMemberSignsThemselvesUpButCannotSignUpSomeoneElse() {
        World w = world();
        MemberLogin ada = memberLogin(w.code(), "Ada");
        String bob = registerMember(w.code(), "Bob").get("id").asText();
        String opportunity = opportunity(w, today().plusDays(7), 15, 60).get("id").asText();
        String signups = "/v1/opportunities/" + opportunity + "/signups";

        Api.Reply self = ada.api().post(signups, null, "Idempotency-Key", newKey()); // no body: themselves
        Api.Reply forBob = ada.api().post(signups, object("memberId", bob), "Idempotency-Key", newKey());
        Api.Reply attendanceTooEarly = w.coordinator().post("/v1/opportunities/" + opportunity + "/attendance",
                object("memberIds", List.of(ada.memberId())), "Idempotency-Key", newKey());

        expect(self, 201);
        assertThat(self.field("date")).as("signed up today").isEqualTo(today().toString());
        assertThat(forBob.status()).isEqualTo(400);
        assertThat(balance(ada.accountId())).isEqualTo(15);
        expectRule(attendanceTooEarly, "date_in_future");
        assertThat(ada.api().get("/v1/schemes/" + w.code() + "/opportunities").json().get("items")).hasSize(1);
        assertThat(ada.api().get("/v1/opportunities/" + opportunity).field("title")).isEqualTo("Park clean-up");
    }

    @Test
    void simultaneousSignUpsOfOneMemberAreAwardedOnce() throws Exception {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String signups = "/v1/opportunities/" + opportunity(w, today(), 30, 0).get("id").asText() + "/signups";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return w.coordinator().post(signups, object("memberId", ada.get("id").asText()), "Idempotency-Key", newKey());
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(422);
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(30);
    }

    @Test
    void signingUpClosesWhenTheDayHasPassedButAttendanceCanStillBeRecorded() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String opportunity = opportunity(w, today().minusDays(1), 30, 60).get("id").asText();

        expectRule(w.coordinator().post("/v1/opportunities/" + opportunity + "/signups", object("memberId", ada),
                "Idempotency-Key", newKey()), "signup_closed");
        expect(w.coordinator().post("/v1/opportunities/" + opportunity + "/attendance", object("memberIds", List.of(ada)),
                "Idempotency-Key", newKey()), 201);
    }

    @Test
    void anOpportunityAwardingNothingForSigningUpSaysSo() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String opportunity = opportunity(w, today(), 0, 60).get("id").asText();

        expectRule(w.coordinator().post("/v1/opportunities/" + opportunity + "/signups", object("memberId", ada),
                "Idempotency-Key", newKey()), "no_award");
        assertThat(w.coordinator().post("/v1/schemes/" + w.code() + "/opportunities", object("organisationId",
                w.organisation(), "title", "Nothing", "date", today().toString(), "signupAwardMinutes", 0,
                "attendanceAwardMinutes", 0, "categoryCode", "shopping")).status()).isEqualTo(400);
    }

    private long earnEntries(World w) {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM journal_entry e JOIN scheme s ON s.id = e.scheme_id WHERE s.code = ? AND e.type = 'EARN'")) {
            ps.setString(1, w.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSchemeWithSeveralIssuanceAccountsEarnsFromThemAllAndItsBooksStillAddUp() throws Exception {
        World w = world("issuanceAccounts", 4);
        assertThat(w.scheme().get("issuanceAccounts").asInt()).isEqualTo(4);
        List<String> ids = members(w, 12);
        for (String id : ids) {
            expect(register(w, w.coordinator(), List.of(id), 60, true), 201);
        }
        expect(register(w, w.coordinator(), ids, 30, true), 201);

        List<long[]> issuance = issuanceAccounts(w.code());
        assertThat(issuance).as("four ISSUANCE accounts, minus 20 balances of 12 × 90 minutes between them").hasSize(4);
        assertThat(issuance.stream().mapToLong(a -> a[0]).sum()).isEqualTo(-12 * 90);
        assertThat(issuance.stream().filter(a -> a[0] != 0).count()).as("earnings spread over more than one").isGreaterThan(1);
        assertThat(distinctIssuanceAccountsFor(w.code(), -30)).as("a register debits one of them, for all its lines").isEqualTo(1);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
        JsonNode identity = admin.get("/v1/schemes/" + w.code() + "/reports/summary").json().get("identity");
        assertThat(identity.get("issuedToDate").asLong()).isEqualTo(12 * 90);
        assertThat(identity.get("outstanding").asLong()).isEqualTo(12 * 90);
        assertThat(identity.get("holds").asBoolean()).isTrue();
        if (java.nio.file.Files.isExecutable(org.timeledger.reports.JournalExportTests.HLEDGER)) {
            String journal = admin.get("/v1/schemes/" + w.code() + "/export/journal").body();
            assertThat(org.timeledger.reports.JournalExportTests.hledgerBalances(journal))
                    .as("the journal export shows ISSUANCE as one account").containsEntry("issuance", -12L * 90);
        }
    }

    @Test
    void issuanceAccountsAreOneToSixtyFour() {
        for (int refused : new int[]{0, -1, 65}) {
            Api.Reply reply = admin.post("/v1/schemes", object("code", "spread" + Math.abs(refused), "name", "Spread",
                    "issuanceAccounts", refused));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
        }
        assertThat(createScheme().get("issuanceAccounts").asInt()).as("one unless asked").isEqualTo(1);
        assertThat(createScheme("issuanceAccounts", 64).get("issuanceAccounts").asInt()).isEqualTo(64);
    }

    /** Balance and posting count of each of the scheme's ISSUANCE accounts. */
    private List<long[]> issuanceAccounts(String code) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT a.balance_minutes, a.posting_count "
                + "FROM account a JOIN scheme s ON s.id = a.scheme_id WHERE s.code = ? AND a.kind = 'ISSUANCE'")) {
            ps.setString(1, code);
            List<long[]> accounts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(new long[]{rs.getLong(1), rs.getLong(2)});
                }
            }
            return accounts;
        }
    }

    private long distinctIssuanceAccountsFor(String code, long amountMinutes) throws Exception {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT p.account_id) FROM posting p "
                + "JOIN account a ON a.id = p.account_id JOIN scheme s ON s.id = a.scheme_id "
                + "WHERE s.code = ? AND a.kind = 'ISSUANCE' AND p.amount_minutes = ?")) {
            ps.setString(1, code);
            ps.setLong(2, amountMinutes);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void approveIsTrueOrFalseAndAnythingElseLogsNothing() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();

        Api.Reply refused = csv(w, w.coordinator(), "&minutes=60&approve=yes", ada + "\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(admin.get("/v1/schemes/" + w.code() + "/activities").json().get("items")).isEmpty();
    }

    @Test
    void aCsvRegisterMayBeLargerThanAJsonRequestButNotThanEightMegabytes() {
        World w = world();
        StringBuilder file = new StringBuilder("memberId or cardNumber,minutes\n");
        for (int i = 0; file.length() < 7 * 1024 * 1024; i++) {
            file.append("mem_01JQ8ZC4V7K9Q2M3N4P5R6S7T8").append(i).append(",60\n");
        }

        // 7 MB of lines: read (the JSON routes' 1 MB does not apply), and refused for its lines
        Api.Reply long7 = csv(w, w.coordinator(), "", file.toString());
        assertThat(long7.status()).isEqualTo(400);
        assertThat(long7.field("detail")).contains("1,000");

        Api.Reply over = csv(w, w.coordinator(), "", "x".repeat(8 * 1024 * 1024 + 1));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(over.code()).isEqualTo("request_entity_too_large");
        assertThat(over.field("detail")).contains("8 MB");

        // a JSON register is a JSON request: 1 MB
        Api.Reply json = w.coordinator().post("/v1/schemes/" + w.code() + "/activities/register",
                "{\"organisationId\":\"" + w.organisation() + "\",\"memberIds\":[\"" + "m".repeat(1024 * 1024) + "\"]}",
                "Idempotency-Key", newKey());
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.field("detail")).contains("1 MB");
    }
}

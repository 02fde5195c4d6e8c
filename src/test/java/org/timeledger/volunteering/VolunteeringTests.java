package org.timeledger.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Logging volunteering, approving it into credits, and each rule at its boundary: the value
 * that is allowed next to the first that is not.
 */
public abstract class VolunteeringTests extends VolunteeringFixtures {
    // ---- the way credits come into being ----

    @Test
    void aCoordinatorLogsAnActivityAndApprovalEarnsTheCreditsFromIssuance() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");

        Api.Reply logged = log(w, w.coordinator(), ada.get("id").asText(), today(), 90, "shopping");
        expect(logged, 201);
        assertThat(logged.field("status")).isEqualTo("PENDING");
        assertThat(logged.header("Location")).contains("/v1/activities/" + logged.field("id"));
        assertThat(balance(ada.get("accountId").asText())).as("nothing earned before approval").isZero();

        Api.Reply approved = approve(w.coordinator(), logged.field("id"));

        expect(approved, 200);
        assertThat(approved.field("status")).isEqualTo("APPROVED");
        JsonNode entry = admin.get("/v1/entries/" + approved.field("entryId")).json();
        assertThat(entry.get("type").asText()).isEqualTo("EARN");
        assertThat(entry.get("memo").asText()).contains("Shopping").contains(today().toString());
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(90);
        assertThat(balance(w.scheme().get("issuanceAccountId").asText())).isEqualTo(-90);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void approvingAgainAnswersTheSameApprovalWithoutASecondEntry() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String id = log(w, w.coordinator(), ada.get("id").asText(), today(), 60, "shopping").field("id");

        Api.Reply first = approve(w.coordinator(), id);
        Api.Reply again = approve(admin, id);
        String key = newKey();
        Api.Reply replayed = w.coordinator().post("/v1/activities/" + id + "/approval", null, "Idempotency-Key", key);
        Api.Reply replayedAgain = w.coordinator().post("/v1/activities/" + id + "/approval", null, "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("entryId")).isEqualTo(first.field("entryId"));
        assertThat(replayed.field("entryId")).isEqualTo(first.field("entryId"));
        assertThat(replayedAgain.header("Idempotent-Replayed")).contains("true");
        assertThat(balance(ada.get("accountId").asText())).isEqualTo(60);
    }

    @Test
    void approvingNeedsAnIdempotencyKeyLikeEveryRequestThatMovesCredits() {
        World w = world();
        String id = log(w, w.coordinator(), registerMember(w.code(), "Ada").get("id").asText(), today(), 60, "shopping")
                .field("id");

        Api.Reply reply = w.coordinator().post("/v1/activities/" + id + "/approval", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("idempotency_key_missing");
    }

    @Test
    void twoCoordinatorsApprovingTheSameActivityAtOnceCreateOneEntry() throws Exception {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        List<Api> approvers = List.of(w.coordinator(), staff(w.code(), "COORDINATOR", w.organisation()),
                staff(w.code(), "ADMIN"), admin);
        for (int round = 0; round < 5; round++) {
            String id = log(w, w.coordinator(), ada.get("id").asText(), today(), 10, "shopping").field("id");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Api approver = approvers.get(i % approvers.size());
                replies.add(pool.submit(() -> {
                    start.await();
                    return approve(approver, id);
                }));
            }
            start.countDown();
            List<String> entries = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                Api.Reply r = reply.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                entries.add(r.field("entryId"));
            }
            pool.shutdown();
            assertThat(entries).as("every approver sees the one entry").containsOnly(entries.get(0));
        }
        assertThat(balance(ada.get("accountId").asText())).as("five activities of 10 minutes, each paid once").isEqualTo(50);
        assertThat(reconcile(w.code()).get("balanced").asBoolean()).isTrue();
    }

    @Test
    void aRejectedActivityEarnsNothingAndCannotThenBeApproved() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String id = log(w, w.coordinator(), ada.get("id").asText(), today(), 60, "shopping").field("id");

        Api.Reply rejected = w.coordinator().post("/v1/activities/" + id + "/rejection", object("reason", "Logged twice"));
        Api.Reply rejectedAgain = w.coordinator().post("/v1/activities/" + id + "/rejection", object("reason", "Still twice"));
        Api.Reply approved = approve(w.coordinator(), id);

        expect(rejected, 200);
        assertThat(rejected.field("status")).isEqualTo("REJECTED");
        assertThat(rejected.field("rejectionReason")).isEqualTo("Logged twice");
        assertThat(rejectedAgain.field("rejectionReason")).as("rejecting is idempotent").isEqualTo("Logged twice");
        assertThat(approved.status()).isEqualTo(409);
        assertThat(approved.code()).isEqualTo("activity_already_decided");
        assertThat(balance(ada.get("accountId").asText())).isZero();
    }

    @Test
    void anApprovedActivityCannotBeRejected() {
        World w = world();
        String id = log(w, w.coordinator(), registerMember(w.code(), "Ada").get("id").asText(), today(), 60, "shopping")
                .field("id");
        String entry = approve(w.coordinator(), id).field("entryId");

        Api.Reply rejected = w.coordinator().post("/v1/activities/" + id + "/rejection", object("reason", "Oops"));

        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.code()).isEqualTo("activity_already_decided");
        assertThat(rejected.field("detail")).contains(entry).contains("reverse");
    }

    @Test
    void loggingTheSameActivityAgainWithItsKeyLogsItOnce() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        Map<String, Object> body = object("memberId", ada, "organisationId", w.organisation(), "date", today().toString(),
                "minutes", 45, "categoryCode", "shopping");
        String key = newKey();

        Api.Reply first = w.coordinator().post("/v1/schemes/" + w.code() + "/activities", body, "Idempotency-Key", key);
        Api.Reply retry = w.coordinator().post("/v1/schemes/" + w.code() + "/activities", body, "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.field("id")).isEqualTo(first.field("id"));
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(admin.get("/v1/schemes/" + w.code() + "/activities?memberId=" + ada).json().get("items")).hasSize(1);
    }

    // ---- the rules, each at its boundary ----

    @Test
    void minutesRunFromOneToTheWholeDay() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String bob = registerMember(w.code(), "Bob").get("id").asText();

        expect(log(w, w.coordinator(), ada, today(), 1_440, "shopping"), 201);
        expectRule(log(w, w.coordinator(), bob, today(), 1_441, "shopping"), "minutes_per_activity");
        expectRule(log(w, w.coordinator(), bob, today(), 0, "shopping"), "minutes_per_activity");
        expectRule(log(w, w.coordinator(), bob, today(), -30, "shopping"), "minutes_per_activity");
        expect(log(w, w.coordinator(), bob, today(), 1, "shopping"), 201);
    }

    @Test
    void anActivityMayBeDatedTodayButNotTomorrow() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();

        expect(log(w, w.coordinator(), ada, today(), 60, "shopping"), 201);
        Api.Reply tomorrow = log(w, w.coordinator(), ada, today().plusDays(1), 60, "shopping");

        expectRule(tomorrow, "date_in_future");
        assertThat(tomorrow.field("detail")).contains(today().plusDays(1).toString()).contains("Europe/London");
    }

    @Test
    void anActivityMayBeBackDatedUpToTheSchemesLimit() {
        World standard = world();
        String ada = registerMember(standard.code(), "Ada").get("id").asText();
        World strict = world("backdateDays", 7);
        String bob = registerMember(strict.code(), "Bob").get("id").asText();

        expect(log(standard, standard.coordinator(), ada, today().minusDays(90), 60, "shopping"), 201);
        expectRule(log(standard, standard.coordinator(), ada, today().minusDays(91), 60, "shopping"), "backdate_limit");
        expect(log(strict, strict.coordinator(), bob, today().minusDays(7), 60, "shopping"), 201);
        expectRule(log(strict, strict.coordinator(), bob, today().minusDays(8), 60, "shopping"), "backdate_limit");
    }

    @Test
    void noMemberIsOverTwentyFourHoursOnOneDateSummedOverActivities() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        LocalDate day = today().minusDays(2);

        expect(log(w, w.coordinator(), ada, day, 600, "shopping"), 201);
        String second = log(w, w.coordinator(), ada, day, 600, "shopping").field("id");
        expect(log(w, w.coordinator(), ada, day, 240, "shopping"), 201);
        Api.Reply over = log(w, w.coordinator(), ada, day, 1, "shopping");
        expect(log(w, w.coordinator(), ada, day.minusDays(1), 1, "shopping"), 201);
        w.coordinator().post("/v1/activities/" + second + "/rejection", object("reason", "Wrong day"));
        Api.Reply afterRejection = log(w, w.coordinator(), ada, day, 600, "shopping");

        expectRule(over, "daily_limit");
        assertThat(over.field("detail")).contains("24 hours of help recorded on " + day);
        assertThat(afterRejection.status()).as("a rejected activity no longer counts").isEqualTo(201);
    }

    @Test
    void vettedWorkNeedsAClearedCheckThatHasNotExpiredOnTheDay() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        LocalDate day = today().minusDays(1);

        expectRule(log(w, w.coordinator(), ada, day, 60, "befriending"), "vetting_required");
        expect(log(w, w.coordinator(), ada, day, 60, "shopping"), 201);
        vet(w.coordinator(), ada, "PENDING", day.minusDays(30), null);
        expectRule(log(w, w.coordinator(), ada, day, 60, "befriending"), "vetting_required");
        vet(w.coordinator(), ada, "CLEARED", day.minusDays(30), day.minusDays(1));
        Api.Reply expiredTheDayBefore = log(w, w.coordinator(), ada, day, 60, "befriending");
        vet(w.coordinator(), ada, "CLEARED", day.minusDays(30), day);
        Api.Reply expiresThatDay = log(w, w.coordinator(), ada, day, 60, "befriending");

        expectRule(expiredTheDayBefore, "vetting_required");
        assertThat(expiredTheDayBefore.field("detail")).contains("cleared until " + day.minusDays(1));
        expect(expiresThatDay, 201);
    }

    @Test
    void vettingWithdrawnAfterLoggingStopsTheApproval() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        vet(w.coordinator(), ada, "CLEARED", today().minusDays(100), null);
        String id = log(w, w.coordinator(), ada, today(), 60, "befriending").field("id");
        vet(w.coordinator(), ada, "EXPIRED", today().minusDays(100), null);

        expectRule(approve(w.coordinator(), id), "vetting_required");
        assertThat(w.coordinator().get("/v1/activities/" + id).field("status")).isEqualTo("PENDING");
    }

    @Test
    void vettingKeepsItsHistory() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        assertThat(admin.get("/v1/members/" + ada + "/vetting").field("status")).isEqualTo("NONE");

        vet(w.coordinator(), ada, "PENDING", today().minusDays(20), null);
        Api.Reply cleared = vet(admin, ada, "CLEARED", today().minusDays(3), today().plusYears(3));

        assertThat(cleared.field("status")).isEqualTo("CLEARED");
        assertThat(cleared.field("expiresOn")).isEqualTo(today().plusYears(3).toString());
        assertThat(cleared.json().get("history")).extracting(h -> h.get("status").asText()).containsExactly("CLEARED", "PENDING");
        Api.Reply future = w.coordinator().send("PUT", "/v1/members/" + ada + "/vetting",
                object("status", "CLEARED", "checkedOn", today().plusDays(1).toString()));
        assertThat(future.status()).isEqualTo(400);
        Api.Reply backwards = w.coordinator().send("PUT", "/v1/members/" + ada + "/vetting",
                object("status", "CLEARED", "checkedOn", today().toString(), "expiresOn", today().minusDays(1).toString()));
        assertThat(backwards.status()).isEqualTo(400);
        Api.Reply unknown = w.coordinator().send("PUT", "/v1/members/" + ada + "/vetting",
                object("status", "MAYBE", "checkedOn", today().toString()));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void theWeeklyEarningCapCountsEveryActivityOfTheWeek() {
        World w = world("weeklyEarnCapMinutes", 300);
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        LocalDate monday = EarningRules.weekOf(today());
        LocalDate lastWeek = monday.minusDays(1);

        expect(log(w, w.coordinator(), ada, monday, 200, "shopping"), 201);
        expect(log(w, w.coordinator(), ada, today(), 100, "shopping"), 201);
        Api.Reply over = log(w, w.coordinator(), ada, today(), 1, "shopping");
        Api.Reply previousWeek = log(w, w.coordinator(), ada, lastWeek, 300, "shopping");

        expectRule(over, "weekly_earn_cap");
        assertThat(over.field("detail")).contains("5 hours a week");
        expect(previousWeek, 201);
    }

    @Test
    void aCoordinatorCannotApproveTheirOwnActivity() {
        World w = world();
        JsonNode carol = registerMember(w.code(), "Carol");
        String username = "carol-" + newKey();
        expect(admin.post("/v1/schemes/" + w.code() + "/staff", object("username", username, "password", "staff-password-1",
                "role", "COORDINATOR", "organisationIds", List.of(w.organisation()), "memberId", carol.get("id").asText())), 201);
        Api carolAsCoordinator = anonymous.login(username, "staff-password-1");

        String ownLog = log(w, carolAsCoordinator, carol.get("id").asText(), today(), 60, "shopping").field("id");
        String loggedByOther = log(w, w.coordinator(), carol.get("id").asText(), today(), 30, "shopping").field("id");
        Api.Reply selfApproved = approve(carolAsCoordinator, ownLog);
        Api.Reply benefitsOwnRecord = approve(carolAsCoordinator, loggedByOther);
        Api.Reply byColleague = approve(w.coordinator(), ownLog);

        expectRule(selfApproved, "own_activity");
        assertThat(selfApproved.field("detail")).contains("You logged this activity for yourself");
        expectRule(benefitsOwnRecord, "own_activity");
        expect(byColleague, 200);
        assertThat(balance(carol.get("accountId").asText())).isEqualTo(60);
    }

    @Test
    void anAdministratorNamesAStaffUsersOwnMemberRecordAfterwards() {
        World w = world();
        JsonNode ada = registerMember(w.code(), "Ada");
        String coordinatorId = w.coordinator().claim("uid");
        String id = log(w, admin, ada.get("id").asText(), today(), 60, "shopping").field("id");
        String elsewhere = registerMember(createScheme().get("code").asText(), "Someone").get("id").asText();

        Api.Reply linked = admin.send("PUT", "/v1/staff/" + coordinatorId + "/member", object("memberId", ada.get("id").asText()));
        Api.Reply refused = approve(w.coordinator(), id);
        Api.Reply otherScheme = admin.send("PUT", "/v1/staff/" + coordinatorId + "/member", object("memberId", elsewhere));
        Api.Reply notStaff = admin.send("PUT", "/v1/staff/" + adminId() + "/member", object("memberId", ada.get("id").asText()));
        Api.Reply byCoordinator = w.coordinator().send("PUT", "/v1/staff/" + coordinatorId + "/member", object("memberId", null));
        Api.Reply unlinked = admin.send("PUT", "/v1/staff/" + coordinatorId + "/member", object("memberId", null));

        expect(linked, 200);
        assertThat(linked.field("memberId")).isEqualTo(ada.get("id").asText());
        expectRule(refused, "own_activity");
        assertThat(otherScheme.status()).isEqualTo(400);
        assertThat(notStaff.status()).as("the administrator of every scheme has no scheme of their own").isEqualTo(404);
        assertThat(byCoordinator.status()).isEqualTo(403);
        expect(unlinked, 200);
        assertThat(unlinked.field("memberId")).isNull();
        expect(approve(w.coordinator(), id), 200);
    }

    @Test
    void rulesAreCheckedInAFixedOrderAndTheFirstFailureWins() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();

        // too many minutes, in the future, and unvetted: the minutes are named first
        expectRule(log(w, w.coordinator(), ada, today().plusDays(1), 2_000, "befriending"), "minutes_per_activity");
        expectRule(log(w, w.coordinator(), ada, today().plusDays(1), 60, "befriending"), "date_in_future");
    }

    @Test
    void simultaneousLoggingsForOneMemberNeverTakeTheirDayPastTwentyFourHours() throws Exception {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        LocalDate day = today().minusDays(1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return log(w, w.coordinator(), ada, day, 500, "shopping");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).as("two of 500 minutes fit in a day, a third does not").hasSize(2);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(422);
    }

    @Test
    void vettingCountsFromTheDayItWasCheckedAndAPendingRenewalDoesNotUndoIt() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String bob = registerMember(w.code(), "Bob").get("id").asText();
        LocalDate day = today().minusDays(1);

        vet(w.coordinator(), ada, "CLEARED", today(), null);
        Api.Reply beforeTheCheck = log(w, w.coordinator(), ada, day, 60, "befriending");
        vet(w.coordinator(), bob, "CLEARED", day, today().plusDays(10));
        Api.Reply fromTheDayOfTheCheck = log(w, w.coordinator(), bob, day, 60, "befriending");
        vet(w.coordinator(), bob, "PENDING", today(), null);
        Api.Reply whileRenewing = log(w, w.coordinator(), bob, today(), 60, "befriending");

        expectRule(beforeTheCheck, "vetting_required");
        expect(fromTheDayOfTheCheck, 201);
        expect(whileRenewing, 201);
    }

    @Test
    void nobodyPaysTheirOwnMemberRecordByARegisterAnAttendanceOrASignUp() {
        World w = world();
        JsonNode carol = registerMember(w.code(), "Carol");
        String bob = registerMember(w.code(), "Bob").get("id").asText();
        Api carolAsStaff = coordinatorWhoIs(w, carol);
        String carolsUsername = "carol-member-" + newKey();
        String code = admin.post("/v1/members/" + carol.get("id").asText() + "/activation-code", null).field("activationCode");
        expect(anonymous.post("/v1/activation", object("code", code, "username", carolsUsername, "password", "member-password-1")), 200);
        Api carolAsMember = anonymous.login(carolsUsername, "member-password-1");
        String opportunity = carolAsStaff.post("/v1/schemes/" + w.code() + "/opportunities", object("organisationId",
                w.organisation(), "title", "Litter pick", "date", today().toString(), "signupAwardMinutes", 600,
                "attendanceAwardMinutes", 600, "categoryCode", "shopping")).field("id");

        Api.Reply register = carolAsStaff.post("/v1/schemes/" + w.code() + "/activities/register", object("organisationId",
                w.organisation(), "date", today().toString(), "minutes", 60, "categoryCode", "shopping",
                "memberIds", List.of(bob, carol.get("id").asText()), "approve", true), "Idempotency-Key", newKey());
        Api.Reply attendance = carolAsStaff.post("/v1/opportunities/" + opportunity + "/attendance",
                object("memberIds", List.of(carol.get("id").asText())), "Idempotency-Key", newKey());
        Api.Reply staffSignUp = carolAsStaff.post("/v1/opportunities/" + opportunity + "/signups",
                object("memberId", carol.get("id").asText()), "Idempotency-Key", newKey());
        Api.Reply memberSignUp = carolAsMember.post("/v1/opportunities/" + opportunity + "/signups", null,
                "Idempotency-Key", newKey());
        Api.Reply signedUpByColleague = w.coordinator().post("/v1/opportunities/" + opportunity + "/signups",
                object("memberId", carol.get("id").asText()), "Idempotency-Key", newKey());

        expectRule(register, "own_activity");
        assertThat(register.json().get("lines").get(0).get("line").asInt()).isEqualTo(2);
        expectRule(attendance, "own_activity");
        expectRule(staffSignUp, "own_activity");
        expectRule(memberSignUp, "own_activity");
        expect(signedUpByColleague, 201);
        assertThat(balance(carol.get("accountId").asText())).isEqualTo(600);
    }

    @Test
    void staffDoNotGrantCreditOrVetTheirOwnMemberRecord() {
        World w = world();
        JsonNode carol = registerMember(w.code(), "Carol");
        JsonNode ada = registerMember(w.code(), "Ada");
        Api carolAsStaff = coordinatorWhoIs(w, carol);
        issue(w.scheme(), ada.get("accountId").asText(), 120);
        expect(transfer(w.code(), ada.get("accountId").asText(), w.scheme().get("communityPotAccountId").asText(), 100,
                "DONATION"), 201);

        Api.Reply grant = carolAsStaff.post("/v1/schemes/" + w.code() + "/grants", object("memberId",
                carol.get("id").asText(), "amountMinutes", 50), "Idempotency-Key", newKey());
        Api.Reply exchange = carolAsStaff.post("/v1/schemes/" + w.code() + "/transfers", object("fromAccountId",
                ada.get("accountId").asText(), "toAccountId", carol.get("accountId").asText(), "amountMinutes", 10,
                "type", "EXCHANGE"), "Idempotency-Key", newKey());
        Api.Reply vetting = carolAsStaff.send("PUT", "/v1/members/" + carol.get("id").asText() + "/vetting",
                object("status", "CLEARED", "checkedOn", today().toString()));
        Api.Reply grantToAda = carolAsStaff.post("/v1/schemes/" + w.code() + "/grants", object("memberId",
                ada.get("id").asText(), "amountMinutes", 50), "Idempotency-Key", newKey());

        expectRule(grant, "own_member_record");
        expectRule(exchange, "own_member_record");
        expectRule(vetting, "own_member_record");
        expect(grantToAda, 201);
        assertThat(balance(carol.get("accountId").asText())).isZero();
    }

    @Test
    void reversingAnApprovedActivitysEntryFreesItsMinutesAndShowsOnTheActivity() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String id = log(w, w.coordinator(), ada, today(), 1_000, "shopping").field("id");
        String entry = approve(w.coordinator(), id).field("entryId");
        expectRule(log(w, w.coordinator(), ada, today(), 1_000, "shopping"), "daily_limit");

        Api.Reply reversal = admin.post("/v1/entries/" + entry + "/reversal", object("reason", "Logged 1,000 minutes, meant 100"),
                "Idempotency-Key", newKey());
        Api.Reply corrected = log(w, w.coordinator(), ada, today(), 100, "shopping");
        Api.Reply again = log(w, w.coordinator(), ada, today(), 1_000, "shopping");

        expect(reversal, 201);
        assertThat(admin.get("/v1/activities/" + id).field("reversedByEntryId")).isEqualTo(reversal.field("id"));
        expect(corrected, 201);
        expect(again, 201);
    }

    @Test
    void datesBeyondAnyoneMeaningAreRefusedPolitely() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();

        Api.Reply farFuture = w.coordinator().post("/v1/schemes/" + w.code() + "/activities", object("memberId", ada,
                "organisationId", w.organisation(), "date", "+999999999-12-31", "minutes", 60, "categoryCode", "shopping"),
                "Idempotency-Key", newKey());
        Api.Reply ancient = w.coordinator().send("PUT", "/v1/members/" + ada + "/vetting",
                object("status", "CLEARED", "checkedOn", "1066-10-14"));
        Api.Reply listed = admin.get("/v1/schemes/" + w.code() + "/activities?from=0001-01-01");
        Api.Reply opportunity = w.coordinator().post("/v1/schemes/" + w.code() + "/opportunities", object("organisationId",
                w.organisation(), "title", "Someday", "date", "9999-01-01", "signupAwardMinutes", 1,
                "attendanceAwardMinutes", 1, "categoryCode", "shopping"));

        assertThat(List.of(farFuture.status(), ancient.status(), listed.status(), opportunity.status()))
                .containsOnly(400);
        assertThat(ancient.field("detail")).contains("1900-01-01");
    }

    /** A coordinator of the world's organisation whose own member record is the given member. */
    Api coordinatorWhoIs(World w, JsonNode member) {
        String username = "staff-" + newKey();
        expect(admin.post("/v1/schemes/" + w.code() + "/staff", object("username", username, "password", "staff-password-1",
                "role", "COORDINATOR", "organisationIds", List.of(w.organisation()), "memberId", member.get("id").asText())), 201);
        return anonymous.login(username, "staff-password-1");
    }

    // ---- who may do what ----

    @Test
    void aCoordinatorLogsAndApprovesOnlyForTheirOwnOrganisations() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String other = admin.post("/v1/schemes/" + w.code() + "/organisations", object("name", "Garden group")).field("id");
        Api otherCoordinator = staff(w.code(), "COORDINATOR", other);
        String id = log(w, w.coordinator(), ada, today(), 60, "shopping").field("id");

        Api.Reply loggedForOthers = otherCoordinator.post("/v1/schemes/" + w.code() + "/activities", object("memberId", ada,
                "organisationId", w.organisation(), "date", today().toString(), "minutes", 60, "categoryCode", "shopping"),
                "Idempotency-Key", newKey());

        assertThat(loggedForOthers.status()).isEqualTo(404);
        assertThat(approve(otherCoordinator, id).status()).isEqualTo(404);
        assertThat(otherCoordinator.get("/v1/activities/" + id).status()).isEqualTo(404);
        assertThat(otherCoordinator.get("/v1/schemes/" + w.code() + "/activities").json().get("items")).isEmpty();
        assertThat(w.coordinator().get("/v1/schemes/" + w.code() + "/activities").json().get("items")).hasSize(1);
        assertThat(staff(w.code(), "AUDITOR").get("/v1/activities/" + id).status()).isEqualTo(200);
    }

    @Test
    void aMemberSeesTheirOwnActivitiesAndNobodyElses() {
        World w = world();
        MemberLogin ada = memberLogin(w.code(), "Ada");
        String bob = registerMember(w.code(), "Bob").get("id").asText();
        String adas = log(w, w.coordinator(), ada.memberId(), today(), 60, "shopping").field("id");
        String bobs = log(w, w.coordinator(), bob, today(), 30, "shopping").field("id");
        approve(w.coordinator(), adas);

        Api.Reply mine = ada.api().get("/v1/me/activities");

        assertThat(mine.json().get("items")).extracting(a -> a.get("id").asText()).containsExactly(adas);
        assertThat(mine.json().get("items").get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(ada.api().get("/v1/activities/" + adas).status()).isEqualTo(200);
        assertThat(ada.api().get("/v1/activities/" + bobs).status()).isEqualTo(404);
        assertThat(ada.api().get("/v1/me/activities?status=PENDING").json().get("items")).isEmpty();
    }

    @Test
    void listsFilterByStatusMemberAndDateAndPageWithACursor() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String bob = registerMember(w.code(), "Bob").get("id").asText();
        for (int i = 0; i < 5; i++) {
            log(w, w.coordinator(), ada, today().minusDays(i), 10, "shopping");
        }
        String bobs = log(w, w.coordinator(), bob, today(), 10, "shopping").field("id");
        approve(w.coordinator(), bobs);
        String base = "/v1/schemes/" + w.code() + "/activities";

        Api.Reply first = admin.get(base + "?memberId=" + ada + "&limit=3");
        Api.Reply second = admin.get(base + "?memberId=" + ada + "&limit=3&cursor=" + first.field("nextCursor"));
        Api.Reply approved = admin.get(base + "?status=APPROVED");
        Api.Reply lastTwoDays = admin.get(base + "?memberId=" + ada + "&from=" + today().minusDays(1) + "&to=" + today());

        assertThat(first.json().get("items")).hasSize(3);
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.field("nextCursor")).isNull();
        assertThat(approved.json().get("items")).extracting(a -> a.get("id").asText()).containsExactly(bobs);
        assertThat(lastTwoDays.json().get("items")).hasSize(2);
        assertThat(admin.get(base + "?status=DONE").status()).isEqualTo(400);
        assertThat(admin.get(base + "?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void badInputGetsAClearAnswer() {
        World w = world();
        String ada = registerMember(w.code(), "Ada").get("id").asText();
        String path = "/v1/schemes/" + w.code() + "/activities";

        Api.Reply unknownCategory = w.coordinator().post(path, object("memberId", ada, "organisationId", w.organisation(),
                "date", today().toString(), "minutes", 60, "categoryCode", "knitting"), "Idempotency-Key", newKey());
        Api.Reply unknownMember = w.coordinator().post(path, object("memberId", "mem_nobody", "organisationId",
                w.organisation(), "date", today().toString(), "minutes", 60, "categoryCode", "shopping"), "Idempotency-Key", newKey());
        Api.Reply badDate = w.coordinator().post(path, object("memberId", ada, "organisationId", w.organisation(),
                "date", "31/03/2026", "minutes", 60, "categoryCode", "shopping"), "Idempotency-Key", newKey());
        Api.Reply twoLines = w.coordinator().post(path, object("memberId", ada, "organisationId", w.organisation(),
                "date", today().toString(), "minutes", 60, "categoryCode", "shopping", "description", "one\ntwo"),
                "Idempotency-Key", newKey());
        Api.Reply fraction = w.coordinator().post(path, object("memberId", ada, "organisationId", w.organisation(),
                "date", today().toString(), "minutes", 1.5, "categoryCode", "shopping"), "Idempotency-Key", newKey());
        Api.Reply categoryAgain = admin.post("/v1/schemes/" + w.code() + "/categories", object("code", "shopping", "name", "Again"));

        assertThat(unknownCategory.status()).isEqualTo(400);
        assertThat(unknownCategory.field("detail")).contains("categoryCode");
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(twoLines.status()).isEqualTo(400);
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(categoryAgain.status()).isEqualTo(409);
        assertThat(categoryAgain.code()).isEqualTo("category_code_taken");
        assertThat(admin.get(path).json().get("items")).isEmpty();
    }

    @Test
    void categoriesAreListedForEveryoneInTheScheme() {
        World w = world();
        MemberLogin ada = memberLogin(w.code(), "Ada");

        Api.Reply listed = ada.api().get("/v1/schemes/" + w.code() + "/categories");

        assertThat(listed.json().get("items")).extracting(c -> c.get("code").asText()).containsExactly("befriending", "shopping");
        assertThat(listed.json().get("items").get(0).get("requiresVetting").asBoolean()).isTrue();
    }

    @Test
    void aVettingDateIsTextNotADayCount() {
        World w = world();
        String member = registerMember(w.code(), "Ada").get("id").asText();

        Api.Reply refused = w.coordinator().send("PUT", "/v1/members/" + member + "/vetting",
                "{\"status\":\"CLEARED\",\"checkedOn\":20260101}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("detail")).contains("2026-03-31");
        assertThat(admin.get("/v1/members/" + member + "/vetting").field("status")).isEqualTo("NONE");
    }
}

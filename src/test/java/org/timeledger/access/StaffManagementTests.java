package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Managing a scheme's staff (docs/api-guide.md, "Managing staff"): the list, changing a role or
 * organisations, deactivating and reactivating, reset codes, changing one's own password; who
 * may; and that each change ends the person's sessions: an access token and a refresh token
 * issued before it are refused after it. The service sits behind a proxy here
 * ({@code X-Forwarded-For}), so tests can speak from several addresses.
 */
public abstract class StaffManagementTests extends ServiceTest {
    private static final String PASSWORD = "staff-password-1";
    private static final String HOME = "198.51.100.7";

    @Inject
    TestClock clock;
    @Inject
    Passwords passwords;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.client-address-header", "X-Forwarded-For",
                // one password check at a time, waited for briefly: a request that needs one while a test holds it is 503
                "timeledger.password-checks", "1", "timeledger.password-check-wait", "50ms");
    }

    /** A scheme with two organisations, an administrator of its own and a coordinator of the first organisation. */
    private record Scheme(String code, String lunchClub, String gardenGroup, Person administrator, Person coordinator) {
    }

    /** A staff user: id, username, and a login (access and refresh token) taken when they were made. */
    private record Person(String id, String username, Api api, String refreshToken) {
    }

    private Scheme scheme() {
        String code = createScheme().get("code").asText();
        String lunch = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        String garden = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Garden group")).field("id");
        Person administrator = person(code, "ADMIN");
        Person coordinator = person(code, "COORDINATOR", lunch);
        return new Scheme(code, lunch, garden, administrator, coordinator);
    }

    private int people;

    private Person person(String code, String role, String... organisations) {
        String username = role.toLowerCase() + "-" + (++people) + "-" + code;
        Map<String, Object> body = object("username", username, "password", PASSWORD, "role", role);
        if (organisations.length > 0) {
            body.put("organisationIds", List.of(organisations));
        }
        Api.Reply created = admin.post("/v1/schemes/" + code + "/staff", body);
        expect(created, 201);
        Api.Reply login = login(username, PASSWORD);
        expect(login, 200);
        return new Person(created.field("id"), username, anonymous.withToken(login.field("access_token")),
                login.field("refresh_token"));
    }

    private Api.Reply login(String username, String password) {
        return anonymous.post("/login", object("username", username, "password", password), "X-Forwarded-For", HOME);
    }

    private Api.Reply refresh(String token) {
        return anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", token));
    }

    private Api.Reply patch(Api api, String id, Object body) {
        return api.send("PATCH", "/v1/staff/" + id, body);
    }

    /** The person's access token and refresh token, issued before a change, are both refused after it. */
    private void assertSessionsEnded(Person person) {
        Api.Reply after = person.api().get("/v1/session");
        assertThat(after.status()).as("the access token issued before").isEqualTo(401);
        assertThat(after.field("detail")).contains("session has ended");
        assertThat(refresh(person.refreshToken()).status()).as("the refresh token issued before").isEqualTo(401);
    }

    private static List<String> usernames(JsonNode page) {
        return Api.ids(page.get("items"), "username");
    }

    // ---- the list ----

    @Test
    void administratorsListTheSchemesStaffWithRoleOrganisationsAndStatus() {
        Scheme s = scheme();
        Person auditor = person(s.code(), "AUDITOR");
        registerMember(s.code(), "Ada");
        expect(admin.post("/v1/staff/" + auditor.id() + "/deactivation", object("reason", "Moved to Leeds")), 200);
        String elsewhere = scheme().administrator().username();

        JsonNode all = s.administrator().api().get("/v1/schemes/" + s.code() + "/staff").json();
        JsonNode active = admin.get("/v1/schemes/" + s.code() + "/staff?status=ACTIVE").json();
        JsonNode inactive = admin.get("/v1/schemes/" + s.code() + "/staff?status=INACTIVE").json();

        assertThat(usernames(all)).containsExactly(s.administrator().username(), s.coordinator().username(),
                auditor.username()).doesNotContain(elsewhere, "admin");
        JsonNode coordinator = all.get("items").get(1);
        assertThat(coordinator.get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(coordinator.get("organisationIds").get(0).asText()).isEqualTo(s.lunchClub());
        assertThat(coordinator.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(coordinator.has("deactivatedAt")).isFalse();
        JsonNode left = all.get("items").get(2);
        assertThat(left.get("status").asText()).isEqualTo("INACTIVE");
        assertThat(left.get("deactivationReason").asText()).isEqualTo("Moved to Leeds");
        assertThat(Instant.parse(left.get("deactivatedAt").asText())).isNotNull();
        assertThat(usernames(active)).containsExactly(s.administrator().username(), s.coordinator().username());
        assertThat(usernames(inactive)).containsExactly(auditor.username());
        assertThat(all.toString()).doesNotContain("password", "$2");
    }

    @Test
    void theListComesInPagesAndRefusesAnUnknownStatus() {
        Scheme s = scheme();
        person(s.code(), "AUDITOR");

        JsonNode first = admin.get("/v1/schemes/" + s.code() + "/staff?limit=2").json();
        JsonNode second = admin.get("/v1/schemes/" + s.code() + "/staff?limit=2&cursor=" + first.get("nextCursor").asText()).json();
        Api.Reply bogus = admin.get("/v1/schemes/" + s.code() + "/staff?status=LEFT");

        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(bogus.status()).isEqualTo(400);
    }

    // ---- who may ----

    @Test
    void onlyTheSchemesAdministratorsManageItsStaff() {
        Scheme s = scheme();
        Person auditor = person(s.code(), "AUDITOR");
        MemberLogin ada = memberLogin(s.code(), "Ada");
        String partner = admin.post("/v1/schemes/" + s.code() + "/partners", object("name", "Leisure centre")).field("id");
        Api till = till(partner);
        Person otherAdministrator = scheme().administrator();
        String target = s.coordinator().id();

        for (Api caller : List.of(s.coordinator().api(), auditor.api(), ada.api(), till)) {
            assertThat(caller.get("/v1/schemes/" + s.code() + "/staff").status()).isEqualTo(403);
            assertThat(patch(caller, target, object("organisationIds", List.of(s.gardenGroup()))).status()).isEqualTo(403);
            assertThat(caller.post("/v1/staff/" + target + "/deactivation", object("reason", "No")).status()).isEqualTo(403);
            assertThat(caller.post("/v1/staff/" + target + "/reactivation", null).status()).isEqualTo(403);
            assertThat(caller.post("/v1/staff/" + target + "/password-reset", null).status()).isEqualTo(403);
        }
        Api other = otherAdministrator.api();
        assertThat(other.get("/v1/schemes/" + s.code() + "/staff").status()).as("another scheme's").isEqualTo(404);
        assertThat(patch(other, target, object("role", "AUDITOR")).status()).isEqualTo(404);
        assertThat(other.post("/v1/staff/" + target + "/deactivation", object("reason", "No")).status()).isEqualTo(404);
        assertThat(other.post("/v1/staff/" + target + "/reactivation", null).status()).isEqualTo(404);
        assertThat(other.post("/v1/staff/" + target + "/password-reset", null).status()).isEqualTo(404);
        // a member's login and the administrator of every scheme are not staff of a scheme
        String memberLogin = ada.api().claim("uid");
        assertThat(s.administrator().api().post("/v1/staff/" + memberLogin + "/password-reset", null).status()).isEqualTo(404);
        assertThat(s.administrator().api().post("/v1/staff/" + adminId() + "/deactivation", object("reason", "No"))
                .status()).isEqualTo(404);

        assertThat(s.coordinator().api().get("/v1/session").status()).as("nothing happened to them").isEqualTo(200);
        assertThat(admin.get("/v1/schemes/" + s.code() + "/staff?status=INACTIVE").json().get("items")).isEmpty();
    }

    // ---- role and organisations ----

    @Test
    void changingACoordinatorsOrganisationsEndsTheirSessionsAndTheNextLoginCarriesThem() {
        Scheme s = scheme();

        Api.Reply changed = patch(s.administrator().api(), s.coordinator().id(),
                object("organisationIds", List.of(s.gardenGroup(), s.lunchClub())));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(Api.JSON.convertValue(changed.json().get("organisationIds"), List.class))
                .containsExactlyInAnyOrder(s.gardenGroup(), s.lunchClub());
        assertSessionsEnded(s.coordinator());
        Api again = anonymous.withToken(login(s.coordinator().username(), PASSWORD).field("access_token"));
        assertThat(Api.ids(again.get("/v1/session").json().get("organisations"), "id"))
                .containsExactlyInAnyOrder(s.gardenGroup(), s.lunchClub());
        assertThat(again.get("/v1/organisations/" + s.gardenGroup()).status()).isEqualTo(200);
    }

    @Test
    void aCoordinatorMadeAnAuditorLosesTheirOrganisationsAndAnAuditorMadeACoordinatorNeedsThem() {
        Scheme s = scheme();
        Person auditor = person(s.code(), "AUDITOR");

        Api.Reply demoted = patch(admin, s.coordinator().id(), object("role", "AUDITOR"));
        Api.Reply withoutOrganisations = patch(admin, auditor.id(), object("role", "COORDINATOR"));
        Api.Reply promoted = patch(admin, auditor.id(), object("role", "COORDINATOR", "organisationIds",
                List.of(s.gardenGroup())));

        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().get("role").asText()).isEqualTo("AUDITOR");
        assertThat(demoted.json().get("organisationIds")).isEmpty();
        assertSessionsEnded(s.coordinator());
        Api asAuditor = anonymous.withToken(login(s.coordinator().username(), PASSWORD).field("access_token"));
        assertThat(asAuditor.post("/v1/schemes/" + s.code() + "/members", object("displayName", "Nobody")).status())
                .as("an auditor now: writes nothing").isEqualTo(403);

        assertThat(withoutOrganisations.status()).isEqualTo(400);
        assertThat(withoutOrganisations.json().get("errors").get(0).get("field").asText()).isEqualTo("organisationIds");
        assertThat(withoutOrganisations.field("detail") + withoutOrganisations.json().get("errors").toString())
                .contains("at least one organisation");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("organisationIds").get(0).asText()).isEqualTo(s.gardenGroup());
        assertSessionsEnded(auditor);
    }

    @Test
    void eachWrongChangeIsRefusedAndChangesNothing() {
        Scheme s = scheme();
        Person auditor = person(s.code(), "AUDITOR");
        String elsewhere = admin.post("/v1/schemes/" + scheme().code() + "/organisations", object("name", "Far away")).field("id");
        Map<String, Object> nullRole = new HashMap<>();
        nullRole.put("role", null);
        Map<String, Object> nullOrganisations = new HashMap<>();
        nullOrganisations.put("organisationIds", null);

        Map<String, Api.Reply> refused = new java.util.LinkedHashMap<>();
        refused.put("role null", patch(admin, s.coordinator().id(), nullRole));
        refused.put("organisations null", patch(admin, s.coordinator().id(), nullOrganisations));
        refused.put("no organisations", patch(admin, s.coordinator().id(), object("organisationIds", List.of())));
        refused.put("another scheme's organisation", patch(admin, s.coordinator().id(),
                object("organisationIds", List.of(elsewhere))));
        refused.put("organisations for an auditor", patch(admin, auditor.id(), object("organisationIds",
                List.of(s.lunchClub()))));
        refused.put("an unknown role", patch(admin, auditor.id(), object("role", "OWNER")));
        refused.put("an unknown field", patch(admin, auditor.id(), object("password", "new-password-1")));

        refused.forEach((what, reply) -> {
            assertThat(reply.status()).as(what + ": " + reply).isEqualTo(400);
            assertThat(reply.code()).as(what).isEqualTo("validation_failed");
        });
        assertThat(s.coordinator().api().get("/v1/session").status()).as("still signed in").isEqualTo(200);
        assertThat(auditor.api().get("/v1/session").status()).isEqualTo(200);
        JsonNode coordinator = admin.get("/v1/schemes/" + s.code() + "/staff").json().get("items").get(1);
        assertThat(coordinator.get("organisationIds").get(0).asText()).isEqualTo(s.lunchClub());
    }

    @Test
    void aChangeThatChangesNothingEndsNoSession() {
        Scheme s = scheme();

        Api.Reply same = patch(admin, s.coordinator().id(), object("role", "COORDINATOR", "organisationIds",
                List.of(s.lunchClub())));
        Api.Reply empty = patch(admin, s.coordinator().id(), object());

        assertThat(same.status()).isEqualTo(200);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(s.coordinator().api().get("/v1/session").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorCannotChangeTheirOwnRoleNorDeactivateThemselves() {
        Scheme s = scheme();
        Person second = person(s.code(), "ADMIN");

        Api.Reply demoteSelf = patch(second.api(), second.id(), object("role", "AUDITOR"));
        Api.Reply deactivateSelf = second.api().post("/v1/staff/" + second.id() + "/deactivation", object("reason", "Bored"));
        Api.Reply resetSelf = second.api().post("/v1/staff/" + second.id() + "/password-reset", null);

        for (Api.Reply reply : List.of(demoteSelf, deactivateSelf, resetSelf)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
            assertThat(reply.field("rule")).isEqualTo("own_login");
        }
        assertThat(demoteSelf.field("detail")).contains("another administrator");
        assertThat(second.api().get("/v1/session").status()).isEqualTo(200);
        assertThat(patch(second.api(), s.administrator().id(), object("role", "AUDITOR")).status())
                .as("another administrator may").isEqualTo(200);
    }

    // ---- the last administrator ----

    @Test
    void theSchemesLastActiveAdministratorIsNeverDemotedNorDeactivated() {
        Scheme s = scheme();
        String only = s.administrator().id();

        Api.Reply demoted = patch(admin, only, object("role", "COORDINATOR", "organisationIds", List.of(s.lunchClub())));
        Api.Reply deactivated = admin.post("/v1/staff/" + only + "/deactivation", object("reason", "Left"));

        for (Api.Reply reply : List.of(demoted, deactivated)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
            assertThat(reply.code()).isEqualTo("last_administrator");
            assertThat(reply.field("detail")).contains("only active administrator", "Make someone else an administrator first");
        }
        assertThat(s.administrator().api().get("/v1/session").status()).isEqualTo(200);

        // a deactivated administrator does not count: with a second one deactivated, the first is still the last
        Person second = person(s.code(), "ADMIN");
        expect(admin.post("/v1/staff/" + second.id() + "/deactivation", object("reason", "On leave")), 200);
        assertThat(admin.post("/v1/staff/" + only + "/deactivation", object("reason", "Left")).code())
                .isEqualTo("last_administrator");
        assertThat(patch(admin, second.id(), object("role", "AUDITOR")).status())
                .as("an inactive administrator may be made an auditor").isEqualTo(200);

        // once a coordinator is made an administrator, the first may go
        expect(patch(admin, s.coordinator().id(), object("role", "ADMIN")), 200);
        Api.Reply now = admin.post("/v1/staff/" + only + "/deactivation", object("reason", "Left"));
        assertThat(now.status()).isEqualTo(200);
        assertThat(admin.post("/v1/staff/" + s.coordinator().id() + "/deactivation", object("reason", "Left")).code())
                .isEqualTo("last_administrator");
    }

    @Test
    void twoAdministratorsDeactivatedAtOnceLeaveOne() throws Exception {
        Scheme s = scheme();
        Person second = person(s.code(), "ADMIN");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Api.Reply>> both = List.of(
                    () -> admin.post("/v1/staff/" + s.administrator().id() + "/deactivation", object("reason", "Left")),
                    () -> admin.post("/v1/staff/" + second.id() + "/deactivation", object("reason", "Left")));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> answer : pool.invokeAll(both)) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.get("/v1/schemes/" + s.code() + "/staff?status=ACTIVE").json().get("items").findValuesAsText("role"))
                .containsOnlyOnce("ADMIN");
    }

    // ---- deactivation ----

    @Test
    void aDeactivatedCoordinatorCannotSignInAndTheirSessionsEnd() {
        Scheme s = scheme();

        Api.Reply deactivated = s.administrator().api().post("/v1/staff/" + s.coordinator().id() + "/deactivation",
                object("reason", "  Left the lunch club  "));

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.field("status")).isEqualTo("INACTIVE");
        assertThat(deactivated.field("deactivationReason")).isEqualTo("Left the lunch club");
        assertSessionsEnded(s.coordinator());
        Api.Reply refused = login(s.coordinator().username(), PASSWORD);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("staff_inactive");
        assertThat(refused.field("detail")).contains("deactivated", "administrator");
        Api.Reply wrongPassword = login(s.coordinator().username(), "not-the-password");
        assertThat(wrongPassword.status()).as("a wrong password says nothing of it").isEqualTo(401);
        assertThat(wrongPassword.field("detail")).isEqualTo("Wrong username or password.");
    }

    @Test
    void deactivatingTwiceChangesNothingAndReactivatingLetsThemSignInWithTheirPassword() {
        Scheme s = scheme();
        Api.Reply first = admin.post("/v1/staff/" + s.coordinator().id() + "/deactivation", object("reason", "Left"));
        clock.advance(Duration.ofMinutes(5));

        Api.Reply again = admin.post("/v1/staff/" + s.coordinator().id() + "/deactivation", object("reason", "Changed my mind"));
        Api.Reply reactivated = admin.post("/v1/staff/" + s.coordinator().id() + "/reactivation", null);
        Api.Reply reactivatedAgain = admin.post("/v1/staff/" + s.coordinator().id() + "/reactivation", null);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("deactivatedAt")).isEqualTo(first.field("deactivatedAt"));
        assertThat(again.field("deactivationReason")).isEqualTo("Left");
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(reactivated.field("status")).isEqualTo("ACTIVE");
        assertThat(reactivated.json().has("deactivatedAt")).isFalse();
        assertThat(reactivatedAgain.status()).isEqualTo(200);
        assertSessionsEnded(s.coordinator()); // ended at the deactivation, and stay ended
        Api.Reply back = login(s.coordinator().username(), PASSWORD);
        assertThat(back.status()).isEqualTo(200);
        assertThat(anonymous.withToken(back.field("access_token")).get("/v1/session").status()).isEqualTo(200);
        assertThat(admin.post("/v1/staff/" + s.coordinator().id() + "/deactivation", object("reason", " ")).status())
                .as("a reason is needed").isEqualTo(400);
    }

    // ---- reset codes ----

    @Test
    void aResetCodeLetsTheStaffUserSetANewPasswordOnce() {
        Scheme s = scheme();

        Api.Reply issued = s.administrator().api().post("/v1/staff/" + s.coordinator().id() + "/password-reset", null);

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.field("username")).isEqualTo(s.coordinator().username());
        assertThat(issued.field("code")).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(Instant.parse(issued.field("expiresAt"))).isAfter(Instant.now().plus(Duration.ofDays(2)));
        assertSessionsEnded(s.coordinator());
        assertThat(login(s.coordinator().username(), PASSWORD).status()).as("the old password stops working").isEqualTo(401);

        Api.Reply reset = redeem(s.coordinator().username(), issued.field("code").toLowerCase().replace("-", " "),
                "a-new-password-1");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(login(s.coordinator().username(), "a-new-password-1").status()).isEqualTo(200);
        Api.Reply twice = redeem(s.coordinator().username(), issued.field("code"), "another-password-1");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.code()).isEqualTo("password_reset_code_invalid");
        assertThat(twice.field("detail")).contains("ask your scheme's administrator");
        assertThat(login(s.coordinator().username(), "a-new-password-1").status()).isEqualTo(200);
    }

    @Test
    void aResetCodeLapsesWhenReplacedOrOldAndRefusesAShortPassword() {
        Scheme s = scheme();
        String older = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");
        String newer = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");

        assertThat(redeem(s.coordinator().username(), older, "a-new-password-1").code()).as("replaced")
                .isEqualTo("password_reset_code_invalid");
        Api.Reply shortOne = redeem(s.coordinator().username(), newer, "short");
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        try {
            assertThat(redeem(s.coordinator().username(), newer, "a-new-password-1").code()).as("older than 3 days")
                    .isEqualTo("password_reset_code_invalid");
        } finally {
            clock.advance(Duration.ofDays(-3).minusMinutes(1));
        }
    }

    @Test
    void aResetCodeGivenWithAnotherUsernameIsRefusedFiveTimesThenStopsWorking() {
        Scheme s = scheme();
        String code = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");

        for (int i = 1; i < PasswordResets.MAX_REFUSALS; i++) {
            Api.Reply other = redeem(s.administrator().username(), code, "a-new-password-1");
            assertThat(other.code()).as("refusal " + i).isEqualTo("password_reset_code_invalid");
            assertThat(other.field("detail")).as("the same words as a wrong code")
                    .isEqualTo(redeem("nobody-at-all", "7K2M-QX9D-4RTB", "a-new-password-1").field("detail"));
        }
        Api.Reply last = redeem("admin", code, "a-new-password-1");
        assertThat(last.field("detail")).contains("no longer works");

        assertThat(redeem(s.coordinator().username(), code, "a-new-password-1").code()).as("even with the right username")
                .isEqualTo("password_reset_code_invalid");
        assertThat(login(s.administrator().username(), PASSWORD).status()).as("the other user is untouched").isEqualTo(200);
    }

    @Test
    void aRefusedResetSpendsNoPasswordHash() {
        Scheme s = scheme();
        String code = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");

        // the only turn to hash a password is taken: a request that needed one would be answered 503
        try (Passwords.Turn ignored = passwords.turn()) {
            assertThat(redeem("someone-else", code, "a-new-password-1").code()).isEqualTo("password_reset_code_invalid");
            assertThat(redeem(s.coordinator().username(), "7K2M-QX9D-4RTB", "a-new-password-1").code())
                    .isEqualTo("password_reset_code_invalid");
            assertThat(redeem(s.coordinator().username(), code, "a-new-password-1").code()).as("a good one needs the turn")
                    .isEqualTo("service_busy");
        }
        assertThat(redeem(s.coordinator().username(), code, "a-new-password-1").status()).isEqualTo(204);
    }

    @Test
    void aDeactivatedStaffUserGetsNoResetCodeAndTheirUnusedCodeLapses() {
        Scheme s = scheme();
        String code = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");
        expect(admin.post("/v1/staff/" + s.coordinator().id() + "/deactivation", object("reason", "Left")), 200);

        Api.Reply issued = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null);

        assertThat(issued.status()).isEqualTo(409);
        assertThat(issued.code()).isEqualTo("staff_inactive");
        assertThat(issued.field("detail")).contains("reactivate them first");
        assertThat(redeem(s.coordinator().username(), code, "a-new-password-1").code()).isEqualTo("password_reset_code_invalid");
    }

    @Test
    void theLockoutMessageSaysWhomToAskForANewPassword() {
        Scheme s = scheme();
        Api.Reply locked = null;
        for (int i = 0; i <= LoginFailures.FREE; i++) {
            locked = anonymous.post("/login", object("username", s.coordinator().username(), "password", "wrong-guess-" + i),
                    "X-Forwarded-For", "203.0.113.9");
        }

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.field("detail")).contains("scheme's administrator for a password reset code")
                .doesNotContain("ask a coordinator to reset");
    }

    @Test
    void aResetCodeLiftsALockout() {
        Scheme s = scheme();
        for (int i = 0; i <= LoginFailures.FREE; i++) {
            login(s.coordinator().username(), "wrong-guess-" + i);
        }
        assertThat(login(s.coordinator().username(), PASSWORD).status()).as("locked out").isEqualTo(429);

        String code = admin.post("/v1/staff/" + s.coordinator().id() + "/password-reset", null).field("code");
        expect(redeem(s.coordinator().username(), code, "a-new-password-1"), 204);

        assertThat(login(s.coordinator().username(), "a-new-password-1").status()).isEqualTo(200);
    }

    private Api.Reply redeem(String username, String code, String newPassword) {
        return anonymous.post("/v1/password-reset", object("username", username, "code", code, "newPassword", newPassword));
    }

    // ---- changing one's own password ----

    @Test
    void staffAndMembersChangeTheirOwnPasswordAndEverySessionOfTheirsEnds() {
        Scheme s = scheme();
        MemberLogin ada = memberLogin(s.code(), "Ada");
        Api.Reply adaLogin = login(ada.username(), ada.password());
        Person adaPerson = new Person(null, ada.username(), anonymous.withToken(adaLogin.field("access_token")),
                adaLogin.field("refresh_token"));
        Api.Reply coordinatorsPhone = login(s.coordinator().username(), PASSWORD);

        Api.Reply staffChange = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", "a-new-password-1"), "X-Forwarded-For", HOME);
        Api.Reply memberChange = adaPerson.api().post("/v1/me/password", object("currentPassword", ada.password(),
                "newPassword", "a-new-password-2"), "X-Forwarded-For", HOME);

        assertThat(staffChange.status()).as(staffChange.toString()).isEqualTo(204);
        assertThat(memberChange.status()).as(memberChange.toString()).isEqualTo(204);
        assertSessionsEnded(s.coordinator());
        assertSessionsEnded(adaPerson);
        assertThat(anonymous.withToken(coordinatorsPhone.field("access_token")).get("/v1/session").status())
                .as("another device of theirs").isEqualTo(401);
        assertThat(login(s.coordinator().username(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(s.coordinator().username(), "a-new-password-1").status()).isEqualTo(200);
        assertThat(login(ada.username(), "a-new-password-2").status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordIsAtMostTheSeventyTwoBytesBcryptReadsAndTheRefusalSaysSoInWords() {
        Scheme s = scheme();
        String seventyTwo = "p".repeat(72);
        String accented = "é".repeat(37); // 37 letters, 74 bytes in UTF-8

        Api.Reply tooLong = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", seventyTwo + "q"), "X-Forwarded-For", HOME);
        Api.Reply tooManyBytes = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", accented), "X-Forwarded-For", HOME);
        Api.Reply justRight = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", seventyTwo), "X-Forwarded-For", HOME);

        for (Api.Reply reply : List.of(tooLong, tooManyBytes)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
            assertThat(reply.json().get("errors").get(0).get("message").asText())
                    .contains("72").contains("accented");
        }
        assertThat(justRight.status()).as(justRight.toString()).isEqualTo(204);
        assertThat(login(s.coordinator().username(), seventyTwo).status()).isEqualTo(200);
        assertThat(login(s.coordinator().username(), seventyTwo + "q").status())
                .as("bcrypt would read only the first 72 bytes: a longer one is never taken for it").isEqualTo(401);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedInWordsAndCountsTowardsTheLockout() {
        Scheme s = scheme();
        String from = "192.0.2.44";

        Api.Reply shortOne = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", "short"), "X-Forwarded-For", from);
        List<Api.Reply> wrong = new ArrayList<>();
        for (int i = 0; i < LoginFailures.FREE; i++) {
            wrong.add(s.coordinator().api().post("/v1/me/password", object("currentPassword", "not-it-" + i,
                    "newPassword", "a-new-password-1"), "X-Forwarded-For", from));
        }
        Api.Reply waiting = s.coordinator().api().post("/v1/me/password", object("currentPassword", PASSWORD,
                "newPassword", "a-new-password-1"), "X-Forwarded-For", from);

        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        for (Api.Reply reply : wrong) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
            assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("not your current password");
        }
        assertThat(waiting.status()).as("after 3 wrong ones, even the right one waits").isEqualTo(429);
        assertThat(waiting.code()).isEqualTo("too_many_attempts");
        assertThat(anonymous.post("/login", object("username", s.coordinator().username(), "password", PASSWORD),
                "X-Forwarded-For", from).status()).as("the same lockout as logins").isEqualTo(429);
        assertThat(s.coordinator().api().get("/v1/session").status()).as("nothing changed: still signed in").isEqualTo(200);
        assertThat(login(s.coordinator().username(), PASSWORD).status()).as("from another address").isEqualTo(200);
    }
}

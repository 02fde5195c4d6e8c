package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Getting in and staying in: activation codes, logins, refresh tokens, a forgotten password,
 * and the growing wait after failed logins (from one address: see SessionsAndLoginsTests for others). Time is moved with the service's clock, not waited for.
 */
public abstract class SignInTests extends ServiceTest {
    @Inject
    TestClock clock;

    @Test
    void aMemberActivatesWithTheirCodeAndLogsIn() {
        String code = createScheme().get("code").asText();
        JsonNode registered = registerMember(code, "Ada");
        String typed = registered.get("activationCode").asText().toLowerCase().replace("-", " ");

        Api.Reply activated = anonymous.post("/v1/activation", object("code", typed, "username", "ada-" + database.kind(),
                "password", "ada's password"));
        Api.Reply login = anonymous.post("/login", object("username", "ada-" + database.kind(), "password", "ada's password"));

        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.field("memberId")).isEqualTo(registered.get("id").asText());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("roles").get(0).asText()).isEqualTo("MEMBER");
        assertThat(login.field("refresh_token")).startsWith("tlr_");
        Api ada = anonymous.withToken(login.field("access_token"));
        assertThat(ada.get("/v1/me").json().get("member").get("id").asText()).isEqualTo(registered.get("id").asText());
    }

    @Test
    void anActivationCodeWorksOnceAndForFourteenDays() {
        String code = createScheme().get("code").asText();
        String first = registerMember(code, "Ada").get("activationCode").asText();
        String second = registerMember(code, "Bob").get("activationCode").asText();

        assertThat(activate(first, "once-" + database.kind()).status()).isEqualTo(200);
        assertThat(activate(first, "twice-" + database.kind()).code()).isEqualTo("activation_code_invalid");
        clock.advance(Duration.ofDays(14).plusMinutes(1));
        try {
            assertThat(activate(second, "late-" + database.kind()).code()).isEqualTo("activation_code_invalid");
        } finally {
            clock.advance(Duration.ofDays(14).plusMinutes(1).negated());
        }
        assertThat(activate("not a code", "nobody-" + database.kind()).code()).isEqualTo("activation_code_invalid");
    }

    @Test
    void activationRefusesTakenUsernamesAndShortPasswords() {
        String code = createScheme().get("code").asText();
        String activation = registerMember(code, "Ada").get("activationCode").asText();

        Api.Reply taken = anonymous.post("/v1/activation", object("code", activation, "username", "admin", "password", "long-enough-1"));
        Api.Reply shortPassword = anonymous.post("/v1/activation", object("code", activation, "username", "ada-ok-" + database.kind(),
                "password", "short"));
        Api.Reply badUsername = anonymous.post("/v1/activation", object("code", activation, "username", "a b",
                "password", "long-enough-1"));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("username_taken");
        assertThat(shortPassword.code()).isEqualTo("validation_failed");
        assertThat(shortPassword.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
        assertThat(badUsername.code()).isEqualTo("validation_failed");
        assertThat(activate(activation, "ada-ok-" + database.kind()).status()).as("the code was not used up").isEqualTo(200);
    }

    @Test
    void aRefreshTokenKeepsAPhoneSignedIn() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        Api.Reply login = anonymous.post("/login", object("username", ada.username(), "password", ada.password()));

        Api.Reply refreshed = anonymous.post("/oauth/access_token", object("grant_type", "refresh_token",
                "refresh_token", login.field("refresh_token")));
        // each refresh hands out a new refresh token and uses up the old one
        Api.Reply form = anonymous.post("/oauth/access_token", "grant_type=refresh_token&refresh_token=" + refreshed.field("refresh_token"),
                "Content-Type", "application/x-www-form-urlencoded");
        Api.Reply garbage = anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", "garbage"));
        Api.Reply unknown = anonymous.post("/oauth/access_token", object("grant_type", "refresh_token",
                "refresh_token", "tlr_" + "A".repeat(43)));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(anonymous.withToken(refreshed.field("access_token")).get("/v1/me").status()).isEqualTo(200);
        assertThat(refreshed.field("refresh_token")).startsWith("tlr_").isNotEqualTo(login.field("refresh_token"));
        assertThat(form.status()).isEqualTo(200);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("unauthorized");
        assertThat(unknown.code()).isEqualTo("unauthorized");
    }

    @Test
    void aRefreshTokenExpiresAfterNinetyDays() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        String refresh = anonymous.post("/login", object("username", ada.username(), "password", ada.password())).field("refresh_token");

        clock.advance(Duration.ofDays(90).plusMinutes(1));
        try {
            Api.Reply late = anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", refresh));
            assertThat(late.code()).isEqualTo("unauthorized");
        } finally {
            clock.advance(Duration.ofDays(90).plusMinutes(1).negated());
        }
    }

    @Test
    void aNewActivationCodeEndsTheOldPasswordAndEverySession() {
        String code = createScheme().get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        String refresh = anonymous.post("/login", object("username", ada.username(), "password", ada.password())).field("refresh_token");
        Api coordinator = staff(code, "COORDINATOR", admin.post("/v1/schemes/" + code + "/organisations",
                object("name", "Group")).field("id"));

        Api.Reply issued = coordinator.post("/v1/members/" + ada.memberId() + "/activation-code", null);

        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.field("activationCode")).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(anonymous.post("/login", object("username", ada.username(), "password", ada.password())).status())
                .as("the old password").isEqualTo(401);
        assertThat(anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", refresh)).status())
                .as("the phone's refresh token").isEqualTo(401);

        Api.Reply again = anonymous.post("/v1/activation", object("code", issued.field("activationCode"),
                "username", "ada-again-" + database.kind(), "password", "a new password"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(anonymous.post("/login", object("username", "ada-again-" + database.kind(), "password", "a new password"))
                .status()).isEqualTo(200);
        assertThat(anonymous.post("/login", object("username", ada.username(), "password", ada.password())).status())
                .as("the old username went with the new activation").isEqualTo(401);
    }

    @Test
    void repeatedFailuresFromOneAddressWaitLongerAndLonger() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        for (int i = 0; i < 3; i++) {
            assertThat(login(ada.username(), "a wrong password").status()).isEqualTo(401);
        }

        Api.Reply waiting = login(ada.username(), ada.password());

        assertThat(waiting.status()).as("from this address, even with the right password").isEqualTo(429);
        assertThat(waiting.code()).isEqualTo("too_many_attempts");
        assertThat(waiting.header("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(29L, 30L));
        assertThat(waiting.field("detail")).contains("30 seconds");
        Duration moved = Duration.ZERO;
        try {
            moved = moved.plusSeconds(31);
            clock.advance(Duration.ofSeconds(31));
            assertThat(login(ada.username(), "a wrong password").status()).as("a fourth guess after 30 s").isEqualTo(401);
            Api.Reply longer = login(ada.username(), ada.password());
            assertThat(longer.status()).isEqualTo(429);
            assertThat(longer.header("Retry-After").map(Long::parseLong)).as("the wait doubled")
                    .hasValueSatisfying(s -> assertThat(s).isBetween(59L, 60L));
            moved = moved.plusSeconds(61);
            clock.advance(Duration.ofSeconds(61));
            assertThat(login(ada.username(), ada.password()).status()).as("after the minute").isEqualTo(200);
        } finally {
            clock.advance(moved.negated());
        }
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        for (int i = 0; i < 2; i++) {
            login(ada.username(), "a wrong password");
        }
        assertThat(login(ada.username(), ada.password()).status()).isEqualTo(200);

        // without the success these would be failures 3 to 5, the last two made to wait
        for (int i = 0; i < 3; i++) {
            assertThat(login(ada.username(), "a wrong password").status()).as("failure " + (i + 1)).isEqualTo(401);
        }
    }

    @Test
    void unknownUsernamesAreLockedOutAlikeSoNoneCanBeTold() {
        String nobody = "nobody-" + newKey();
        for (int i = 0; i < 3; i++) {
            assertThat(login(nobody, "whatever-password").status()).isEqualTo(401);
        }
        assertThat(login(nobody, "whatever-password").status()).isEqualTo(429);
    }

    @Test
    void aResetEndsEverySessionAtOnceNotWhenTheTokenExpires() {
        String code = createScheme().get("code").asText();
        MemberLogin ada = memberLogin(code, "Ada");
        assertThat(ada.api().get("/v1/me").status()).isEqualTo(200);

        expect(admin.post("/v1/members/" + ada.memberId() + "/activation-code", null), 201);
        Api.Reply stolenPhone = ada.api().get("/v1/me");

        assertThat(stolenPhone.status()).as("the access token issued before the reset").isEqualTo(401);
        assertThat(stolenPhone.code()).isEqualTo("unauthorized");
        assertThat(stolenPhone.field("detail")).contains("session has ended");
        assertThat(ada.api().post("/v1/me/gifts", object("toMemberId", ada.memberId(), "amountMinutes", 1),
                "Idempotency-Key", newKey()).status()).isEqualTo(401);
    }

    @Test
    void simultaneousGuessesCannotGetPastTheLimit() throws Exception {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        int attempts = 20;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        var replies = new java.util.ArrayList<java.util.concurrent.Future<Api.Reply>>();
        for (int i = 0; i < attempts; i++) {
            int guess = i;
            replies.add(pool.submit(() -> {
                start.await();
                return login(ada.username(), "guess number " + guess);
            }));
        }
        start.countDown();
        int checked = 0;
        int refused = 0;
        for (var reply : replies) {
            int status = reply.get(2, java.util.concurrent.TimeUnit.MINUTES).status();
            checked += status == 401 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        pool.shutdown();

        // simultaneous attempts may all find themselves over the limit and withdraw, so as few
        // as none is checked; what must hold is that no more than the three free ones ever are.
        // (A 503 is an attempt that found no turn to check a password: nothing was checked.)
        int busy = 0;
        for (var reply : replies) {
            busy += reply.get().status() == 503 ? 1 : 0;
        }
        assertThat(checked).as("passwords actually checked").isLessThanOrEqualTo(3);
        assertThat(checked + refused + busy).isEqualTo(attempts);
        for (int i = checked; i < 3; i++) {
            assertThat(login(ada.username(), "one more guess").status()).as("failure " + (i + 1)).isEqualTo(401);
        }
        assertThat(login(ada.username(), ada.password()).status()).as("waiting after exactly three checked failures").isEqualTo(429);
    }

    @Test
    void aNewPasswordLiftsALockout() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        for (int i = 0; i < 3; i++) {
            login(ada.username(), "a wrong password");
        }
        assertThat(login(ada.username(), ada.password()).status()).isEqualTo(429);

        String code = admin.post("/v1/members/" + ada.memberId() + "/activation-code", null).field("activationCode");
        expect(anonymous.post("/v1/activation", object("code", code, "username", ada.username(), "password", "a fresh password")), 200);

        assertThat(login(ada.username(), "a fresh password").status()).isEqualTo(200);
    }

    @Test
    void usernamesAreCaseInsensitive() {
        String code = createScheme().get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/staff", object("username", "Cora.Case-" + database.kind(),
                "password", "long-enough-pass", "role", "AUDITOR")), 201);

        assertThat(login("cora.case-" + database.kind(), "long-enough-pass").status()).isEqualTo(200);
        assertThat(login("CORA.CASE-" + database.kind().toUpperCase(), "long-enough-pass").status()).isEqualTo(200);
        assertThat(admin.post("/v1/schemes/" + code + "/staff", object("username", "ADMIN", "password", "long-enough-pass",
                "role", "AUDITOR")).code()).as("'ADMIN' may not pose as 'admin'").isEqualTo("username_taken");
    }

    @Test
    void loggingOutEndsThatDevicesRefreshToken() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        String phone = anonymous.post("/login", object("username", ada.username(), "password", ada.password())).field("refresh_token");
        String tablet = anonymous.post("/login", object("username", ada.username(), "password", ada.password())).field("refresh_token");

        assertThat(anonymous.post("/logout", object("refresh_token", phone)).status()).isEqualTo(204);
        assertThat(anonymous.post("/logout", object("refresh_token", "tlr_unknown")).status()).isEqualTo(204);

        assertThat(refresh(phone).status()).isEqualTo(401);
        assertThat(refresh(tablet).status()).as("the other device stays signed in").isEqualTo(200);
    }

    private Api.Reply refresh(String token) {
        return anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", token));
    }

    private Api.Reply login(String username, String password) {
        return anonymous.post("/login", object("username", username, "password", password));
    }

    private Api.Reply activate(String code, String username) {
        return anonymous.post("/v1/activation", object("code", code, "username", username, "password", "long-enough-1"));
    }
}

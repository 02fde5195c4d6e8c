package org.timeledger.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.support.Transactions;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Sessions and logins as an attacker would try them (docs/reliability.md, "Rate limits"):
 * signing out ends the access token; refresh tokens rotate and a reused one ends its login; a
 * stranger's guesses slow the stranger, never the user at another address; a flood of logins is
 * answered 503 without stalling anyone; an activation code cannot enumerate usernames; tokens
 * made by hand without the claims this service puts in are refused. The service sits behind a
 * proxy here ({@code X-Forwarded-For}), so tests can speak from several addresses.
 */
public abstract class SessionsAndLoginsTests extends ServiceTest {
    private static final String STRANGER = "203.0.113.66";
    private static final String HOME = "198.51.100.7";

    @Inject
    TestClock clock;
    @Inject
    Passwords passwords;
    @Inject
    Transactions transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("timeledger.client-address-header", "X-Forwarded-For",
                // one password check at a time, waited for briefly: a flood saturates it at once
                "timeledger.password-checks", "1", "timeledger.password-check-wait", "50ms");
    }

    // ---- signing out ----

    @Test
    void loggingOutEndsTheAccessTokenAtOnceAndOnlyThatDevice() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        Api.Reply phone = login(ada.username(), ada.password(), HOME);
        Api.Reply tablet = login(ada.username(), ada.password(), HOME);
        Api phoneApi = anonymous.withToken(phone.field("access_token"));
        assertThat(phoneApi.get("/v1/me").status()).isEqualTo(200);

        assertThat(anonymous.post("/logout", object("refresh_token", phone.field("refresh_token"))).status()).isEqualTo(204);

        Api.Reply after = phoneApi.get("/v1/me");
        assertThat(after.status()).as("the phone's access token, within its hour").isEqualTo(401);
        assertThat(after.field("detail")).contains("session has ended");
        assertThat(refresh(phone.field("refresh_token")).status()).isEqualTo(401);
        assertThat(anonymous.withToken(tablet.field("access_token")).get("/v1/me").status())
                .as("the tablet stays signed in").isEqualTo(200);
        assertThat(refresh(tablet.field("refresh_token")).status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenUsedTwiceEndsItsWholeLogin() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        Api.Reply phone = login(ada.username(), ada.password(), HOME);
        Api.Reply laptop = login(ada.username(), ada.password(), HOME);
        String first = phone.field("refresh_token");

        Api.Reply refreshed = refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.field("refresh_token");
        assertThat(second).isNotEqualTo(first);
        Api renewed = anonymous.withToken(refreshed.field("access_token"));
        assertThat(renewed.get("/v1/me").status()).isEqualTo(200);

        Api.Reply replayed = refresh(first); // a thief's copy, or the owner's after the thief used it

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.field("detail")).contains("used already");
        assertThat(renewed.get("/v1/me").status()).as("the login's newest access token").isEqualTo(401);
        assertThat(anonymous.withToken(phone.field("access_token")).get("/v1/me").status()).isEqualTo(401);
        assertThat(refresh(second).status()).as("the login's newest refresh token").isEqualTo(401);
        assertThat(anonymous.withToken(laptop.field("access_token")).get("/v1/me").status())
                .as("another login of the member").isEqualTo(200);
    }

    // ---- guessing ----

    @Test
    void aStrangersGuessesNeverLockTheUserOutFromTheirOwnAddress() {
        for (int i = 0; i < 12; i++) {
            int status = login("admin", "guess " + i, STRANGER).status();
            assertThat(status).isIn(401, 429);
        }
        assertThat(login("admin", "guess again", STRANGER).status()).as("the stranger waits").isEqualTo(429);

        Api.Reply admin = login("admin", ADMIN_PASSWORD, HOME);

        assertThat(admin.status()).as("the administrator, from their own address").isEqualTo(200);
        assertThat(login("admin", "guess again", STRANGER).status()).as("a success elsewhere frees no stranger")
                .isEqualTo(429);
    }

    @Test
    void guessingFromOneAddressWaitsLongerAfterEachFailureUpToFifteenMinutes() {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        for (int i = 0; i < 3; i++) {
            assertThat(login(ada.username(), "guess " + i, STRANGER).status()).as("free guess " + (i + 1)).isEqualTo(401);
        }
        List<Long> waits = new ArrayList<>();
        Duration moved = Duration.ZERO;
        try {
            for (int i = 0; i < 7; i++) {
                Api.Reply refused = login(ada.username(), ada.password(), STRANGER);
                assertThat(refused.status()).as("even the right password, before the wait is over").isEqualTo(429);
                assertThat(refused.code()).isEqualTo("too_many_attempts");
                long wait = Long.parseLong(refused.header("Retry-After").orElseThrow());
                waits.add(wait);
                clock.advance(Duration.ofSeconds(wait - 2));
                moved = moved.plusSeconds(wait - 2);
                assertThat(login(ada.username(), "guess", STRANGER).status()).as("2 s early").isEqualTo(429);
                clock.advance(Duration.ofSeconds(3));
                moved = moved.plusSeconds(3);
                assertThat(login(ada.username(), "guess " + (i + 4), STRANGER).status()).as("after the wait").isEqualTo(401);
            }
            assertThat(login(ada.username(), ada.password(), HOME).status()).as("Ada at home, meanwhile").isEqualTo(200);
        } finally {
            clock.advance(moved.negated());
        }
        assertThat(waits).allSatisfy(w -> assertThat(w).isGreaterThan(0));
        assertThat(waits.stream().map(w -> (w + 1) / 30 * 30).toList()).as("30 s doubling, up to 15 minutes")
                .containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L);
    }

    @Test
    void aFloodOfLoginsIsAnsweredBusyWhileAMemberIsServed() throws Exception {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        int flood = 48;
        ExecutorService pool = Executors.newFixedThreadPool(flood);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            int n = i;
            replies.add(pool.submit(() -> {
                start.await();
                return login("nobody-" + n + "-" + newKey(), "some password " + n, "192.0.2." + (n + 1));
            }));
        }
        // the one password turn is taken for the whole flood, so every login of it finds none free:
        // what is checked is that they are answered busy and the member is served meanwhile,
        // whatever the machine's speed
        List<Long> meMillis = new ArrayList<>();
        try (Passwords.Turn held = passwords.turn()) {
            start.countDown();
            long before = System.nanoTime();
            Api.Reply me = ada.api().get("/v1/me");
            meMillis.add((System.nanoTime() - before) / 1_000_000);
            assertThat(me.status()).as("the member, during the flood").isEqualTo(200);
            for (Future<Api.Reply> reply : replies) {
                reply.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }

        int busy = 0;
        for (Future<Api.Reply> future : replies) {
            Api.Reply reply = future.get();
            assertThat(reply.status()).isIn(401, 503);
            if (reply.status() == 503) {
                busy++;
                assertThat(reply.code()).isEqualTo("service_busy");
                assertThat(reply.header("Retry-After")).hasValue("1");
            }
        }
        System.out.println("[flood] " + database.kind() + ": " + busy + " of " + flood + " logins answered 503; "
                + "GET /v1/me during the flood took " + meMillis + " ms");
        assertThat(busy).as("logins refused as busy rather than queued").isEqualTo(flood);
        assertThat(login(ada.username(), ada.password(), HOME).status()).as("after the flood").isEqualTo(200);
    }

    @Test
    void unknownTillKeysAndLogoutsAreAnsweredWhileAWriterHoldsTheDatabase() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> held = writer.submit(() -> transactions.write(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            Api.Reply logout = anonymous.post("/logout", object("refresh_token", "tlr_" + "C".repeat(43)));
            Api.Reply till = anonymous.withApiKey("tlk_01ARZ3NDEKTSV4RRFFQ69G5FAV_" + "D".repeat(43)).get("/v1/session");

            assertThat(logout.status()).as("an unknown refresh token, on H2 a write would wait for its turn").isEqualTo(204);
            assertThat(till.status()).as("an unknown till key").isEqualTo(401);
        } finally {
            release.countDown();
            held.get(30, TimeUnit.SECONDS);
            writer.shutdown();
        }
    }

    // ---- activation codes ----

    @Test
    void anActivationCodeRefusesTakenUsernamesFiveTimesThenStopsWorking() {
        String code = createScheme().get("code").asText();
        String activation = registerMember(code, "Ada").get("activationCode").asText();

        for (int i = 1; i < Activations.MAX_REFUSALS; i++) {
            Api.Reply taken = activate(activation, "admin");
            assertThat(taken.code()).as("refusal " + i).isEqualTo("username_taken");
        }
        Api.Reply last = activate(activation, "admin");
        assertThat(last.code()).isEqualTo("username_taken");
        assertThat(last.field("detail")).contains("no longer works");

        assertThat(activate(activation, "ada-free-" + database.kind()).code()).as("a free username now")
                .isEqualTo("activation_code_invalid");
    }

    @Test
    void aWrongCodeTellsNothingAboutUsernames() {
        assertThat(activate("7K2M-QX9D-4RTB", "admin").code()).isEqualTo("activation_code_invalid");
        assertThat(activate("7K2M-QX9D-4RTB", "nobody-" + database.kind()).code()).isEqualTo("activation_code_invalid");
    }

    @Test
    void aRefusedActivationSpendsNoPasswordHash() {
        String code = createScheme().get("code").asText();
        String activation = registerMember(code, "Ada").get("activationCode").asText();

        // the only turn to hash a password is taken: a request that needed one would be answered 503
        try (Passwords.Turn ignored = passwords.turn()) {
            assertThat(activate(activation, "admin").code()).isEqualTo("username_taken");
            assertThat(activate("7K2M-QX9D-4RTB", "someone-" + database.kind()).code()).isEqualTo("activation_code_invalid");
            assertThat(activate(activation, "ada-" + database.kind()).code()).as("a good one needs the turn")
                    .isEqualTo("service_busy");
        }
        assertThat(activate(activation, "ada-" + database.kind()).status()).isEqualTo(200);
    }

    // ---- tokens ----

    @Test
    void tokensCarryAnExpiryAndThisServiceAsIssuer() throws ParseException {
        MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
        JWTClaimsSet claims = SignedJWT.parse(login(ada.username(), ada.password(), HOME).field("access_token")).getJWTClaimsSet();

        assertThat(claims.getIssuer()).isEqualTo("timeledger");
        assertThat(claims.getExpirationTime()).isAfter(new Date()).isBefore(new Date(System.currentTimeMillis() + 3_601_000));
        assertThat(claims.getStringClaim("lid")).startsWith("lgn_");
    }

    @Test
    void tokensSignedWithTheKeyButMadeByHandAreRefused() throws Exception {
        String scheme = createScheme().get("code").asText();
        MemberLogin ada = memberLogin(scheme, "Ada");
        JWTClaimsSet real = SignedJWT.parse(login(ada.username(), ada.password(), HOME).field("access_token")).getJWTClaimsSet();
        String partner = admin.post("/v1/schemes/" + scheme + "/partners", object("name", "Leisure centre")).field("id");
        String key = admin.post("/v1/partners/" + partner + "/api-keys", object("label", "till")).field("id");

        Map<String, UnaryOperator<JWTClaimsSet.Builder>> forged = new java.util.LinkedHashMap<>();
        forged.put("as issued", b -> b);
        forged.put("without exp", b -> b.expirationTime(null));
        forged.put("expired", b -> b.expirationTime(new Date(System.currentTimeMillis() - 1000)));
        forged.put("without iss", b -> b.issuer(null));
        forged.put("another issuer", b -> b.issuer("someone-else"));
        forged.put("without a session epoch", b -> b.claim("se", null));
        forged.put("without a login", b -> b.claim("lid", null));
        forged.put("naming a till key", b -> b.claim("uid", key));
        forged.put("naming no user", b -> b.claim("uid", null));

        Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        forged.forEach((what, change) -> statuses.put(what,
                anonymous.withToken(sign(change.apply(new JWTClaimsSet.Builder(real)).build())).get("/v1/session").status()));

        assertThat(statuses).containsEntry("as issued", 200);
        statuses.forEach((what, status) -> {
            if (!what.equals("as issued")) {
                assertThat(status).as(what).isEqualTo(401);
            }
        });
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(JWT_SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Reply login(String username, String password, String from) {
        return anonymous.post("/login", object("username", username, "password", password), "X-Forwarded-For", from);
    }

    private Api.Reply refresh(String token) {
        return anonymous.post("/oauth/access_token", object("grant_type", "refresh_token", "refresh_token", token));
    }

    private Api.Reply activate(String code, String username) {
        return anonymous.post("/v1/activation", object("code", code, "username", username, "password", "long-enough-1"));
    }
}

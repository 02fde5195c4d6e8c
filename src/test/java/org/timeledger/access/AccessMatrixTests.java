package org.timeledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.World;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Every route as every kind of caller. The rows come from openapi.yml: each operation's
 * {@code x-roles} says who is admitted. An admitted caller makes a real request that must
 * succeed; anyone else gets 401 (no valid credentials: anonymous, or a revoked till key) or
 * 403 (the wrong role), as problem+json.
 */
public abstract class AccessMatrixTests extends ServiceTest {

    enum Who { ANONYMOUS, ADMIN_ALL_SCHEMES, ADMIN, COORDINATOR, AUDITOR, MEMBER, PARTNER, REVOKED_KEY }

    private final Map<Who, Api> clients = new EnumMap<>(Who.class);
    private World world;
    private JsonNode scheme;
    private String code;
    private String organisation;
    private MemberLogin member;
    private String otherMemberId;
    private String otherAccount;
    private String partnerId;
    private String partnerAccount;
    private String memberEntry;
    private String otherEntry;
    private String partnerEntry;
    private String loginUsername;
    private String refreshToken;
    private String memberActivity;
    private String otherActivity;
    private String opportunity;
    private String offer;
    private String checkpoint;

    @BeforeAll
    void buildTheWorld() {
        World world = new World(this);
        this.world = world;
        scheme = world.scheme;
        code = world.code;
        organisation = world.organisation;
        member = world.member;
        otherMemberId = world.otherMemberId;
        otherAccount = world.otherAccount;
        partnerId = world.partnerId;
        partnerAccount = world.partnerAccount;
        memberEntry = world.memberEntry;
        otherEntry = world.otherEntry;
        partnerEntry = world.partnerEntry;
        loginUsername = world.loginUsername;
        refreshToken = world.refreshToken;
        memberActivity = world.memberActivity;
        otherActivity = world.otherActivity;
        opportunity = world.opportunity;
        offer = world.offer;
        checkpoint = world.checkpoint;
        for (Who who : Who.values()) {
            if (who != Who.REVOKED_KEY) {
                clients.put(who, world.client(who.name()));
            }
        }
        Api.Reply revoked = admin.post("/v1/partners/" + partnerId + "/api-keys", object("label", "lost till"));
        expect(admin.send("DELETE", "/v1/api-keys/" + revoked.field("id"), null), 204);
        clients.put(Who.REVOKED_KEY, anonymous.withApiKey(revoked.field("key")));
    }

    private String memberCard() {
        return world.memberCard();
    }

    private String redemption(boolean capture) {
        return world.redemption(capture);
    }

    private String namedBeneficiary() {
        return world.namedBeneficiary();
    }

    private static String today() {
        return World.today();
    }

    private String logActivity(String memberId) {
        return world.logActivity(memberId);
    }

    private static Map<String, Object> listingBody() {
        return object("kind", "OFFER", "categoryCode", "matrix", "title", "Matrix help", "description", "Any afternoon");
    }

    private static Map<String, Object> withMember(Map<String, Object> body, String memberId) {
        body.put("memberId", memberId);
        return body;
    }

    /** A new open listing: the member's own (posted by them), or the other member's (posted by the administrator). */
    private String listing(boolean members) {
        Api.Reply posted = members
                ? member.api().post("/v1/schemes/" + code + "/listings", listingBody())
                : admin.post("/v1/schemes/" + code + "/listings", withMember(listingBody(), otherMemberId));
        expect(posted, 201);
        return posted.field("id");
    }

    /** A new member registered by the coordinator when the caller is one (so they may manage them), else by the administrator. */
    private String memberToManage(Who who, Api api) {
        Api registrar = who == Who.COORDINATOR ? api : admin;
        Api.Reply registered = registrar.post("/v1/schemes/" + code + "/members", object("displayName", "Leaving"));
        expect(registered, 201);
        return registered.field("id");
    }

    /** A new staff user of the matrix's scheme (a coordinator of its organisation), by id. */
    private String newStaff(String role) {
        java.util.Map<String, Object> body = object("username", "managed-" + newKey(), "password", "staff-password-1",
                "role", role);
        if (role.equals("COORDINATOR")) {
            body.put("organisationIds", List.of(organisation));
        }
        Api.Reply created = admin.post("/v1/schemes/" + code + "/staff", body);
        expect(created, 201);
        return created.field("id");
    }

    /**
     * {@code POST /v1/me/password} as a login of the caller's kind made for it (a second
     * administrator of every scheme is written into the database, as none can be made through the
     * API); callers who are not admitted send it with their own credentials.
     */
    private Api.Reply ownPasswordChange(Who who, Api api) {
        String username = "changing-" + newKey();
        Api changing = switch (who) {
            case ADMIN_ALL_SCHEMES -> {
                copyOfTheAdministrator(username);
                yield anonymous.login(username, ADMIN_PASSWORD);
            }
            case ADMIN, AUDITOR -> {
                expect(admin.post("/v1/schemes/" + code + "/staff", object("username", username, "password",
                        ADMIN_PASSWORD, "role", who.name())), 201);
                yield anonymous.login(username, ADMIN_PASSWORD);
            }
            case COORDINATOR -> {
                expect(admin.post("/v1/schemes/" + code + "/staff", object("username", username, "password",
                        ADMIN_PASSWORD, "role", "COORDINATOR", "organisationIds", List.of(organisation))), 201);
                yield anonymous.login(username, ADMIN_PASSWORD);
            }
            // memberLogin's members choose "member-password-1"
            case MEMBER -> memberLogin(code, "Changing").api();
            default -> api;
        };
        String current = who == Who.MEMBER ? "member-password-1" : ADMIN_PASSWORD;
        return changing.post("/v1/me/password", object("currentPassword", current, "newPassword", "a-new-password-1"));
    }

    private void copyOfTheAdministrator(String username) {
        try (java.sql.Connection c = sql(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (id, username, password_hash, role, scheme_id, created_at, session_epoch) "
                        + "SELECT ?, ?, password_hash, role, NULL, created_at, 0 FROM app_user WHERE username = 'admin'")) {
            ps.setString(1, "usr_" + newKey().replace("-", "").substring(0, 26).toUpperCase(java.util.Locale.ROOT));
            ps.setString(2, username);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row per operation and caller, with the status the contract promises. */
    Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        new OpenAPIV3Parser().read("openapi.yml").getPaths().forEach((path, item) ->
                item.readOperationsMap().forEach((method, operation) -> {
                    List<String> admitted = roles(operation);
                    int success = success(operation);
                    for (Who who : Who.values()) {
                        rows.add(Arguments.of(method + " " + path, who, expected(admitted, who, success)));
                    }
                }));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void everyRouteAsEveryCaller(String operation, Who who, int expected) {
        Api.Reply reply = call(operation, who);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        if (expected == 401) {
            assertThat(reply.code()).isEqualTo("unauthorized");
        } else if (expected == 403) {
            assertThat(reply.code()).isEqualTo("forbidden");
        }
    }

    @Test
    void everyOperationOfTheContractIsInTheMatrix() {
        List<String> operations = new ArrayList<>();
        new OpenAPIV3Parser().read("openapi.yml").getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(method -> operations.add(method + " " + path)));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(120);
        assertThat(matrix().count()).isEqualTo(operations.size() * (long) Who.values().length);
    }

    /** Staff record help for the matrix's other member, who pays. */
    private Map<String, Object> withPayer(Map<String, Object> help) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(help);
        body.put("fromMemberId", otherMemberId);
        return body;
    }

    private static List<String> roles(Operation operation) {
        Object roles = operation.getExtensions() == null ? null : operation.getExtensions().get("x-roles");
        assertThat(roles).as("x-roles of " + operation.getSummary()).isInstanceOf(List.class);
        return ((List<?>) roles).stream().map(String::valueOf).toList();
    }

    private static int success(Operation operation) {
        return operation.getResponses().keySet().stream().filter(c -> c.matches("\\d+")).mapToInt(Integer::parseInt)
                .filter(c -> c < 300).min()
                .orElseGet(() -> Integer.parseInt(operation.getResponses().keySet().iterator().next()));
    }

    private static int expected(List<String> admitted, Who who, int success) {
        if (admitted.contains("ANONYMOUS")) {
            return success;
        }
        if (who == Who.ANONYMOUS || who == Who.REVOKED_KEY) {
            return 401;
        }
        return admitted.contains(who.name()) ? success : 403;
    }

    /** A request that succeeds when the caller is admitted: each caller asks about what is theirs. */
    private Api.Reply call(String operation, Who who) {
        Api api = clients.get(who);
        String account = who == Who.MEMBER ? member.accountId() : who == Who.PARTNER ? partnerAccount : otherAccount;
        String entry = who == Who.MEMBER ? memberEntry : who == Who.PARTNER ? partnerEntry : otherEntry;
        String memberId = who == Who.MEMBER ? member.memberId() : otherMemberId;
        String activity = who == Who.MEMBER ? memberActivity : otherActivity;
        String key = "Idempotency-Key";
        return switch (operation) {
            case "POST /login" -> api.post("/login", object("username", loginUsername, "password", "matrix-password"));
            case "POST /logout" -> api.post("/logout", object("refresh_token", "tlr_not_a_real_one"));
            // refresh tokens work once (a second use ends the login): a fresh one for every caller
            case "POST /oauth/access_token" -> api.post("/oauth/access_token",
                    object("grant_type", "refresh_token", "refresh_token", anonymous.post("/login",
                            object("username", loginUsername, "password", "matrix-password")).field("refresh_token")));
            case "GET /oauth/access_token" -> api.get("/oauth/access_token?grant_type=refresh_token&refresh_token=" + refreshToken);
            case "POST /v1/activation" -> api.post("/v1/activation", object("code", registerMember(code, "New").get("activationCode").asText(),
                    "username", "activated-" + newKey(), "password", "member-password-1"));
            case "GET /health" -> api.get("/health");
            case "GET /health/{probe}" -> api.get("/health/readiness");
            case "GET /metrics" -> api.get("/metrics");
            case "POST /v1/schemes" -> api.post("/v1/schemes", object("code", "m" + newKey().substring(0, 8), "name", "Matrix"));
            case "GET /v1/schemes/{code}" -> api.get("/v1/schemes/" + code);
            case "GET /v1/schemes" -> api.get("/v1/schemes");
            case "PATCH /v1/schemes/{code}" -> api.send("PATCH", "/v1/schemes/" + code, object("name", scheme.get("name").asText()));
            case "GET /v1/schemes/{code}/settings/history" -> api.get("/v1/schemes/" + code + "/settings/history");
            case "GET /v1/schemes/{code}/audit" -> api.get("/v1/schemes/" + code + "/audit?limit=10");
            case "POST /v1/schemes/{code}/staff" -> api.post("/v1/schemes/" + code + "/staff",
                    object("username", "staff-" + newKey(), "password", "staff-password-1", "role", "AUDITOR"));
            case "POST /v1/schemes/{code}/members" -> api.post("/v1/schemes/" + code + "/members", object("displayName", "Someone"));
            case "GET /v1/schemes/{code}/members" -> api.get("/v1/schemes/" + code + "/members");
            case "GET /v1/schemes/{code}/organisations" -> api.get("/v1/schemes/" + code + "/organisations");
            case "GET /v1/schemes/{code}/partners" -> api.get("/v1/schemes/" + code + "/partners");
            case "GET /v1/members/{id}/card/qr" -> api.get("/v1/members/" + memberId + "/card/qr");
            case "GET /v1/me/card/qr" -> api.get("/v1/me/card/qr");
            case "GET /v1/session" -> api.get("/v1/session");
            case "GET /" -> api.get("/");
            case "GET /v1/public/schemes/{code}/checkpoints" -> api.get("/v1/public/schemes/" + code + "/checkpoints");
            case "GET /v1/schemes/{code}/checkpoints/{id}/verification" ->
                    api.get("/v1/schemes/" + code + "/checkpoints/" + checkpoint + "/verification");
            case "GET /v1/members/{id}" -> api.get("/v1/members/" + (who == Who.MEMBER ? member.memberId() : otherMemberId));
            case "PATCH /v1/members/{id}" -> api.send("PATCH", "/v1/members/" + otherMemberId, object("notes", "matrix"));
            // a member of their own for each caller who may (a coordinator manages those they registered)
            case "POST /v1/members/{id}/deactivation" -> api.post("/v1/members/" + memberToManage(who, api)
                    + "/deactivation", object("reason", "Moved away"));
            case "POST /v1/members/{id}/reactivation" -> api.post("/v1/members/" + memberToManage(who, api)
                    + "/reactivation", null);
            case "PUT /v1/staff/{id}/member" -> api.send("PUT", "/v1/staff/" + admin.post("/v1/schemes/" + code + "/staff",
                    object("username", "linked-" + newKey(), "password", "staff-password-1", "role", "AUDITOR")).field("id")
                    + "/member", object("memberId", otherMemberId));
            // staff management: a new coordinator of the scheme each time, so that one row's change leaves the next alone
            case "GET /v1/schemes/{code}/staff" -> api.get("/v1/schemes/" + code + "/staff?status=ACTIVE");
            case "PATCH /v1/staff/{id}" -> api.send("PATCH", "/v1/staff/" + newStaff("COORDINATOR"),
                    object("role", "AUDITOR"));
            case "POST /v1/staff/{id}/deactivation" -> api.post("/v1/staff/" + newStaff("AUDITOR") + "/deactivation",
                    object("reason", "Left the centre"));
            case "POST /v1/staff/{id}/reactivation" -> api.post("/v1/staff/" + newStaff("AUDITOR") + "/reactivation", null);
            case "POST /v1/staff/{id}/password-reset" -> api.post("/v1/staff/" + newStaff("AUDITOR") + "/password-reset", null);
            case "POST /v1/password-reset" -> {
                String staffId = newStaff("AUDITOR");
                Api.Reply issued = admin.post("/v1/staff/" + staffId + "/password-reset", null);
                expect(issued, 201);
                yield api.post("/v1/password-reset", object("username", issued.field("username"), "code",
                        issued.field("code"), "newPassword", "a-new-password-1"));
            }
            // each admitted caller changes the password of a login of its own kind made for the row, not its own:
            // the change ends every session of the login, and later rows still need the caller's
            case "POST /v1/me/password" -> ownPasswordChange(who, api);
            case "DELETE /v1/members/{id}/personal-data" -> api.send("DELETE", "/v1/members/"
                    + registerMember(code, "To be forgotten").get("id").asText() + "/personal-data", null, key, newKey());
            case "POST /v1/members/{id}/activation-code" -> api.post("/v1/members/"
                    + registerMember(code, "Forgetful").get("id").asText() + "/activation-code", null);
            case "POST /v1/schemes/{code}/organisations" -> api.post("/v1/schemes/" + code + "/organisations", object("name", "Group"));
            case "GET /v1/organisations/{id}" -> api.get("/v1/organisations/" + organisation);
            case "POST /v1/schemes/{code}/partners" -> api.post("/v1/schemes/" + code + "/partners", object("name", "Shop"));
            case "GET /v1/partners/{id}" -> api.get("/v1/partners/" + partnerId);
            case "POST /v1/partners/{id}/api-keys" -> api.post("/v1/partners/" + partnerId + "/api-keys", object("label", "till"));
            case "GET /v1/partners/{id}/api-keys" -> api.get("/v1/partners/" + partnerId + "/api-keys");
            case "DELETE /v1/api-keys/{id}" -> api.send("DELETE", "/v1/api-keys/"
                    + admin.post("/v1/partners/" + partnerId + "/api-keys", object("label", "spare")).field("id"), null);
            case "POST /v1/schemes/{code}/transfers" -> api.post("/v1/schemes/" + code + "/transfers", object("fromAccountId",
                    otherAccount, "toAccountId", member.accountId(), "amountMinutes", 1, "type", "GIFT"), key, newKey());
            case "GET /v1/entries/{id}" -> api.get("/v1/entries/" + entry);
            case "POST /v1/entries/{id}/reversal" -> api.post("/v1/entries/" + issue(scheme, otherAccount, 1).get("id").asText()
                    + "/reversal", object("reason", "matrix"), key, newKey());
            case "GET /v1/accounts/{id}" -> api.get("/v1/accounts/" + account);
            case "GET /v1/accounts/{id}/balance" -> api.get("/v1/accounts/" + account + "/balance?asOf=2026-01-01T00:00:00Z");
            case "GET /v1/accounts/{id}/postings" -> api.get("/v1/accounts/" + account + "/postings");
            case "GET /v1/schemes/{code}/reports/summary" -> api.get("/v1/schemes/" + code + "/reports/summary");
            case "GET /v1/public/schemes/{code}/summary" -> api.get("/v1/public/schemes/" + code + "/summary");
            case "GET /v1/schemes/{code}/export/journal" -> api.get("/v1/schemes/" + code + "/export/journal");
            case "GET /v1/schemes/{code}/export/contacts" -> api.get("/v1/schemes/" + code + "/export/contacts");
            case "GET /v1/schemes/{code}/reconciliation" -> api.get("/v1/schemes/" + code + "/reconciliation");
            case "GET /v1/schemes/{code}/events" -> api.get("/v1/schemes/" + code + "/events?limit=10");
            case "GET /v1/me" -> api.get("/v1/me");
            case "GET /v1/me/postings" -> api.get("/v1/me/postings");
            case "POST /v1/me/gifts" -> api.post("/v1/me/gifts", object("toMemberId", otherMemberId, "amountMinutes", 1), key, newKey());
            case "POST /v1/me/donations" -> api.post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 1),
                    key, newKey());
            case "POST /v1/schemes/{code}/grants" -> api.post("/v1/schemes/" + code + "/grants",
                    object("memberId", otherMemberId, "amountMinutes", 1), key, newKey());
            case "POST /v1/schemes/{code}/categories" -> api.post("/v1/schemes/" + code + "/categories",
                    object("code", "c-" + newKey().substring(0, 8), "name", "Category"));
            case "GET /v1/schemes/{code}/categories" -> api.get("/v1/schemes/" + code + "/categories");
            case "PUT /v1/members/{id}/vetting" -> api.send("PUT", "/v1/members/" + otherMemberId + "/vetting",
                    object("status", "CLEARED", "checkedOn", today()));
            case "GET /v1/members/{id}/vetting" -> api.get("/v1/members/" + memberId + "/vetting");
            case "POST /v1/schemes/{code}/activities" -> api.post("/v1/schemes/" + code + "/activities", object("memberId",
                    otherMemberId, "organisationId", organisation, "date", today(), "minutes", 1, "categoryCode", "matrix"),
                    key, newKey());
            case "GET /v1/schemes/{code}/activities" -> api.get("/v1/schemes/" + code + "/activities");
            // the coordinator uploads the register as CSV, everyone else sends it as JSON
            case "POST /v1/schemes/{code}/activities/register" -> who == Who.COORDINATOR
                    ? api.post("/v1/schemes/" + code + "/activities/register?organisationId=" + organisation + "&date="
                    + today() + "&categoryCode=matrix&minutes=1", "memberId or cardNumber,minutes\n" + otherMemberId + "\n",
                    "Content-Type", "text/csv", key, newKey())
                    : api.post("/v1/schemes/" + code + "/activities/register", object("organisationId", organisation,
                    "date", today(), "minutes", 1, "categoryCode", "matrix", "memberIds", List.of(otherMemberId)), key, newKey());
            case "GET /v1/me/activities" -> api.get("/v1/me/activities");
            case "GET /v1/activities/{id}" -> api.get("/v1/activities/" + activity);
            case "POST /v1/activities/{id}/approval" -> api.post("/v1/activities/" + logActivity(otherMemberId) + "/approval",
                    null, key, newKey());
            case "POST /v1/activities/{id}/reversal" -> {
                String approved = logActivity(otherMemberId);
                expect(admin.post("/v1/activities/" + approved + "/approval", null, key, newKey()), 200);
                yield api.post("/v1/activities/" + approved + "/reversal", object("reason", "matrix"), key, newKey());
            }
            case "POST /v1/activities/{id}/rejection" -> api.post("/v1/activities/" + logActivity(otherMemberId)
                    + "/rejection", object("reason", "matrix"));
            case "POST /v1/schemes/{code}/allocations" -> api.post("/v1/schemes/" + code + "/allocations",
                    object("organisationId", organisation, "amountMinutes", 1), key, newKey());
            case "POST /v1/schemes/{code}/opportunities" -> api.post("/v1/schemes/" + code + "/opportunities",
                    object("organisationId", organisation, "title", "Another afternoon", "date", today(),
                            "signupAwardMinutes", 1, "attendanceAwardMinutes", 0, "categoryCode", "matrix"));
            case "GET /v1/schemes/{code}/opportunities" -> api.get("/v1/schemes/" + code + "/opportunities");
            case "GET /v1/opportunities/{id}" -> api.get("/v1/opportunities/" + opportunity);
            // a member signs themselves up; staff sign up a new member each time (a member is awarded once)
            case "POST /v1/opportunities/{id}/signups" -> api.post("/v1/opportunities/" + opportunity + "/signups",
                    who == Who.MEMBER ? object() : object("memberId", registerMember(code, "Signing up").get("id").asText()),
                    key, newKey());
            case "POST /v1/opportunities/{id}/attendance" -> api.post("/v1/opportunities/" + opportunity + "/attendance",
                    object("memberIds", List.of(registerMember(code, "Attending").get("id").asText())), key, newKey());
            case "POST /v1/partners/{id}/offers" -> api.post("/v1/partners/" + partnerId + "/offers",
                    object("title", "Gym session", "amountMinutes", 30, "weeklyQuota", 10));
            case "GET /v1/partners/{id}/offers" -> api.get("/v1/partners/" + partnerId + "/offers");
            case "PATCH /v1/offers/{id}" -> api.send("PATCH", "/v1/offers/" + offer, object("title", "Matrix swim"));
            case "GET /v1/schemes/{code}/offers" -> api.get("/v1/schemes/" + code + "/offers");
            case "GET /v1/cards/{cardNumber}" -> api.get("/v1/cards/" + memberCard());
            // a member replaces their own card: later rows look the card up again (memberCard)
            case "POST /v1/me/card/replacement" -> api.post("/v1/me/card/replacement", null);
            case "POST /v1/members/{id}/card/replacement" -> api.post("/v1/members/"
                    + registerMember(code, "Lost card").get("id").asText() + "/card/replacement", null);
            case "POST /v1/me/beneficiaries" -> api.post("/v1/me/beneficiaries",
                    object("cardNumber", registerMember(code, "Relative").get("cardNumber").asText()));
            case "GET /v1/me/beneficiaries" -> api.get("/v1/me/beneficiaries");
            case "GET /v1/me/recipients/{cardNumber}" -> api.get("/v1/me/recipients/"
                    + registerMember(code, "Recipient").get("cardNumber").asText());
            case "DELETE /v1/me/beneficiaries/{memberId}" -> api.send("DELETE", "/v1/me/beneficiaries/"
                    + namedBeneficiary(), null);
            case "POST /v1/redemptions" -> api.post("/v1/redemptions", object("cardNumber", memberCard(),
                    "amountMinutes", 1, "tillReference", "matrix"), key, newKey());
            case "GET /v1/redemptions/{id}" -> api.get("/v1/redemptions/" + redemption(false));
            case "POST /v1/redemptions/{id}/capture" -> api.post("/v1/redemptions/" + redemption(false) + "/capture",
                    object("amountMinutes", 1), key, newKey());
            case "POST /v1/redemptions/{id}/void" -> api.post("/v1/redemptions/" + redemption(false) + "/void", null,
                    key, newKey());
            case "POST /v1/redemptions/{id}/refunds" -> api.post("/v1/redemptions/" + redemption(true) + "/refunds",
                    object("amountMinutes", 1, "reason", "matrix"), key, newKey());
            // the auditor asks for the statement as CSV, everyone else as JSON
            case "GET /v1/partners/{id}/redemptions" -> who == Who.AUDITOR
                    ? api.get("/v1/partners/" + partnerId + "/redemptions", "Accept", "text/csv")
                    : api.get("/v1/partners/" + partnerId + "/redemptions?from=2020-01-01T00:00:00Z");
            // something captured to settle, up to a moment after it
            case "POST /v1/partners/{id}/settlements" -> {
                redemption(true);
                yield api.post("/v1/partners/" + partnerId + "/settlements", object("upTo", Instant.now().toString()),
                        key, newKey());
            }
            case "GET /v1/partners/{id}/settlements" -> api.get("/v1/partners/" + partnerId + "/settlements");
            case "POST /v1/me/exchanges" -> api.post("/v1/me/exchanges", world.help("toMemberId", otherMemberId), key, newKey());
            case "GET /v1/me/exchanges" -> api.get("/v1/me/exchanges");
            case "POST /v1/schemes/{code}/exchanges" -> api.post("/v1/schemes/" + code + "/exchanges",
                    withPayer(world.help("toMemberId", registerMember(code, "Helper").get("id").asText())), key, newKey());
            case "GET /v1/schemes/{code}/exchanges" -> api.get("/v1/schemes/" + code + "/exchanges");
            case "POST /v1/me/payment-requests" -> api.post("/v1/me/payment-requests", world.help("fromMemberId", otherMemberId));
            case "GET /v1/me/payment-requests" -> api.get("/v1/me/payment-requests?direction=outgoing");
            case "POST /v1/payment-requests/{id}/confirmation" -> api.post("/v1/payment-requests/"
                    + world.paymentRequestToMember() + "/confirmation", null, key, newKey());
            case "POST /v1/payment-requests/{id}/decline" -> api.post("/v1/payment-requests/"
                    + world.paymentRequestToMember() + "/decline", object("reason", "matrix"));
            case "POST /v1/payment-requests/{id}/cancellation" -> api.post("/v1/payment-requests/"
                    + world.paymentRequestByMember() + "/cancellation", null);
            case "PUT /v1/members/{id}/limits" -> api.send("PUT", "/v1/members/" + otherMemberId + "/limits",
                    object("floorMinutes", 0, "reason", "matrix"));
            case "GET /v1/members/{id}/limits" -> api.get("/v1/members/" + memberId + "/limits");
            // a member posts, changes and closes listings of their own and responds to the other member's; staff
            // post for the other member. A new listing each time, so that closing one leaves the next open
            case "POST /v1/schemes/{code}/listings" -> api.post("/v1/schemes/" + code + "/listings", who == Who.MEMBER
                    ? listingBody() : withMember(listingBody(), otherMemberId));
            case "GET /v1/schemes/{code}/listings" -> api.get("/v1/schemes/" + code + "/listings");
            case "GET /v1/me/listings" -> api.get("/v1/me/listings");
            case "GET /v1/listings/{id}" -> api.get("/v1/listings/" + listing(false));
            case "PATCH /v1/listings/{id}" -> api.send("PATCH", "/v1/listings/" + listing(who == Who.MEMBER),
                    object("title", "Matrix change"));
            case "POST /v1/listings/{id}/closure" -> api.post("/v1/listings/" + listing(who == Who.MEMBER) + "/closure", null);
            case "POST /v1/listings/{id}/responses" -> api.post("/v1/listings/" + listing(false) + "/responses",
                    object("message", "I can help"));
            case "GET /v1/listings/{id}/responses" -> api.get("/v1/listings/" + listing(who == Who.MEMBER) + "/responses");
            // matched once by the administrator first: an admitted caller gets that match again (200)
            case "POST /v1/listings/{id}/matches" -> {
                String listing = listing(false);
                expect(admin.post("/v1/listings/" + listing + "/matches", object("memberId", member.memberId())), 201);
                yield api.post("/v1/listings/" + listing + "/matches", object("memberId", member.memberId()));
            }
            default -> throw new AssertionError("the matrix has no request for " + operation + ": add one");
        };
    }

}

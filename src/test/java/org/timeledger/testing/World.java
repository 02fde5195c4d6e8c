package org.timeledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.timeledger.testing.ServiceTest.MemberLogin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.timeledger.testing.ServiceTest.expect;
import static org.timeledger.testing.ServiceTest.newKey;
import static org.timeledger.testing.Api.object;

/**
 * A scheme with one of everything, made through the API, and a logged-in client for every
 * role: what tests that call every operation of openapi.yml (the access matrix, the fuzzer)
 * need to make requests that would succeed.
 */
public final class World {
    /** Callers by the names openapi.yml's {@code x-roles} uses. */
    public final Map<String, Api> clients = new LinkedHashMap<>();
    public final JsonNode scheme;
    public final String code;
    public final String organisation;
    public final MemberLogin member;
    public final String otherMemberId;
    public final String otherAccount;
    public final String partnerId;
    public final String partnerAccount;
    public final String memberEntry;
    public final String otherEntry;
    public final String partnerEntry;
    /** An auditor's login, for the token routes. */
    public final String loginUsername;
    public final String loginPassword = "matrix-password";
    public final String refreshToken;
    /** A category every activity here uses. */
    public final String category = "matrix";
    public final String memberActivity;
    public final String otherActivity;
    public final String opportunity;
    public final String offer;
    public final String checkpoint;

    private final ServiceTest test;

    public World(ServiceTest test) {
        this.test = test;
        Api admin = test.admin;
        scheme = test.createScheme();
        code = scheme.get("code").asText();
        organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        member = test.memberLogin(code, "Member");
        JsonNode other = test.registerMember(code, "Other");
        otherMemberId = other.get("id").asText();
        otherAccount = other.get("accountId").asText();
        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Leisure centre")).json();
        partnerId = partner.get("id").asText();
        partnerAccount = partner.get("accountId").asText();
        memberEntry = test.issue(scheme, member.accountId(), 10_000).get("id").asText();
        otherEntry = test.issue(scheme, otherAccount, 10_000).get("id").asText();
        partnerEntry = test.issue(scheme, partnerAccount, 60).get("id").asText();

        clients.put("ANONYMOUS", test.anonymous);
        clients.put("ADMIN_ALL_SCHEMES", admin);
        clients.put("ADMIN", test.staff(code, "ADMIN"));
        clients.put("COORDINATOR", test.staff(code, "COORDINATOR", organisation));
        clients.put("AUDITOR", test.staff(code, "AUDITOR"));
        clients.put("MEMBER", member.api());
        clients.put("PARTNER", test.till(partnerId));

        loginUsername = "matrix-login-" + test.database.kind();
        expect(admin.post("/v1/schemes/" + code + "/staff", object("username", loginUsername,
                "password", loginPassword, "role", "AUDITOR")), 201);
        refreshToken = test.anonymous.post("/login", object("username", loginUsername, "password", loginPassword))
                .field("refresh_token");

        // volunteering: a category, an activity of each member's, an opportunity awarding a minute
        // for each, and a community pot to grant from
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", category, "name", "Matrix work")), 201);
        memberActivity = logActivity(member.memberId());
        otherActivity = logActivity(otherMemberId);
        opportunity = admin.post("/v1/schemes/" + code + "/opportunities", object("organisationId", organisation,
                "title", "Matrix afternoon", "date", today(), "signupAwardMinutes", 1, "attendanceAwardMinutes", 1,
                "categoryCode", category)).field("id");
        expect(member.api().post("/v1/me/donations", object("toCommunityPot", true, "amountMinutes", 1_000),
                "Idempotency-Key", newKey()), 201);

        // redemption: an offer of the partner's, spent a minute at a time from the member's card
        offer = admin.post("/v1/partners/" + partnerId + "/offers", object("title", "Matrix swim", "amountMinutes", 1))
                .field("id");
        checkpoint = test.checkpoint(code);
    }

    public Api client(String role) {
        return clients.get(role);
    }

    /** The member's card number now: a test may have replaced their card. */
    public String memberCard() {
        Api.Reply found = test.admin.get("/v1/members/" + member.memberId());
        expect(found, 200);
        return found.field("cardNumber");
    }

    /** A redemption of a minute on the member's card by the partner's till: HELD, or CAPTURED with {@code capture}. */
    public String redemption(boolean capture) {
        Api.Reply held = clients.get("PARTNER").post("/v1/redemptions", object("cardNumber", memberCard(),
                "offerId", offer, "tillReference", "matrix", "capture", capture), "Idempotency-Key", newKey());
        expect(held, 201);
        return held.field("id");
    }

    /** A member the member names their beneficiary (a new one each time), by member id. */
    public String namedBeneficiary() {
        Api.Reply named = member.api().post("/v1/me/beneficiaries",
                object("cardNumber", test.registerMember(code, "Relative").get("cardNumber").asText()));
        expect(named, 201);
        return named.field("memberId");
    }

    /** Today where the scheme is (its time zone is the default, Europe/London). */
    public static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    /** A pending activity of one minute for the member, logged by the administrator. */
    public String logActivity(String memberId) {
        Api.Reply logged = test.admin.post("/v1/schemes/" + code + "/activities", object("memberId", memberId,
                "organisationId", organisation, "date", today(), "minutes", 1, "categoryCode", category),
                "Idempotency-Key", newKey());
        expect(logged, 201);
        return logged.field("id");
    }

    /** A minute of help, as an exchange or a payment request names it, with the other member named by {@code field}. */
    public java.util.Map<String, Object> help(String field, String memberId) {
        return object(field, memberId, "minutes", 1, "categoryCode", category, "date", today(), "description", "matrix");
    }

    /** A PENDING payment request that a new member asks the member to pay (the member may answer it). */
    public String paymentRequestToMember() {
        MemberLogin helper = test.memberLogin(code, "Helper");
        Api.Reply asked = helper.api().post("/v1/me/payment-requests", help("fromMemberId", member.memberId()));
        expect(asked, 201);
        return asked.field("id");
    }

    /** A PENDING payment request the member asks another member to pay (the member may cancel it). */
    public String paymentRequestByMember() {
        Api.Reply asked = member.api().post("/v1/me/payment-requests", help("fromMemberId", otherMemberId));
        expect(asked, 201);
        return asked.field("id");
    }
}

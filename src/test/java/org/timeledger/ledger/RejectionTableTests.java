package org.timeledger.ledger;

import org.timeledger.problem.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timeledger.web.Problems;
import org.timeledger.support.Transactions;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.ProblemCode;
import org.timeledger.problem.RejectedException;

/** One row per rejection: the request that breaks the rule, and the status and code it gets. */
public abstract class RejectionTableTests extends ServiceTest {
    @Inject
    Ledger ledger;
    @Inject
    Transactions transactions;
    @Inject
    org.timeledger.testing.TestClock clock;

    /** What a refused request got back. */
    record Outcome(int status, String code) {
        static Outcome of(Api.Reply reply) {
            return new Outcome(reply.status(), reply.code());
        }
    }

    /** How a row provokes its rejection. (Not a Supplier: Micronaut's extension would try to inject one.) */
    @FunctionalInterface
    interface Scenario {
        Outcome run();
    }

    @Override
    protected Map<String, String> extraProperties() {
        // rate limits on, with room for everything the administrator does in this class
        return Map.of("timeledger.lock-timeout", "1s", "timeledger.rate-limit.enabled", "true",
                "timeledger.rate-limit.burst", "200", "timeledger.rate-limit.requests-per-second", "1");
    }

    Stream<Arguments> rows() {
        return Stream.of(
                row(Refusal.VALIDATION_FAILED, 400, () -> Outcome.of(admin.post("/v1/schemes", object("name", "no code")))),
                row(Refusal.NOT_FOUND, 404, () -> Outcome.of(admin.get("/v1/entries/ent_nothing"))),
                row(Refusal.UNSUPPORTED_MEDIA_TYPE, 415, () -> Outcome.of(admin.post("/v1/schemes",
                        "{\"code\":\"media\",\"name\":\"Media\"}", "Content-Type", "garbage"))),
                row(Refusal.REQUEST_ENTITY_TOO_LARGE, 413, () -> Outcome.of(admin.post("/v1/schemes",
                        "{\"code\":\"large\",\"name\":\"" + "x".repeat(1_100_000) + "\"}"))),
                // refused by the HTTP layer over its default limits (4,096 bytes of request line, 8,192 of headers)
                row(Refusal.URI_TOO_LONG, 414, () -> Outcome.of(anonymous.outsideContract().get("/v1/schemes/" + "a".repeat(5_000)))),
                row(Refusal.HEADERS_TOO_LARGE, 431, () -> Outcome.of(anonymous.outsideContract().get("/health",
                        "X-Filler", "a".repeat(10_000)))),
                row(Refusal.UNAUTHORIZED, 401, () -> Outcome.of(anonymous.get("/v1/schemes/any"))),
                row(Refusal.FORBIDDEN, 403, () -> Outcome.of(memberLogin(createScheme().get("code").asText(), "Ada").api()
                        .post("/v1/schemes", object("code", "nope", "name", "x")))),
                row(Refusal.IDEMPOTENCY_KEY_MISSING, 400, this::transferWithoutKey),
                row(Refusal.IDEMPOTENCY_KEY_REUSED, 422, this::keyReusedForAnotherRequest),
                row(Refusal.IDEMPOTENCY_KEY_IN_FLIGHT, 409, this::keyStillInFlight),
                row(Refusal.SCHEME_CODE_TAKEN, 409, () -> {
                    String code = createScheme().get("code").asText();
                    return Outcome.of(admin.post("/v1/schemes", object("code", code, "name", "again")));
                }),
                row(Rejection.AMOUNT_MUST_BE_POSITIVE, 422, () -> giftBetweenMembers(0)),
                row(Rejection.AMOUNT_TOO_LARGE, 422, () -> giftBetweenMembers(6_000_001)),
                row(Rejection.ACCOUNTS_MUST_BE_DIFFERENT, 422, () -> {
                    Fixture f = fixture();
                    return Outcome.of(transfer(f.code, f.ada, f.ada, 10, "GIFT"));
                }),
                row(Rejection.POSTINGS_MUST_BALANCE, 422, () -> {
                    Fixture f = fixture();
                    return direct(() -> ledger.post(new Ledger.Draft(f.schemeId(), EntryType.ADJUSTMENT, "", Actor.of("test"), null,
                            List.of(new Posting(f.issuance, -5), new Posting(f.ada, 4)))));
                }),
                row(Rejection.ACCOUNT_NOT_FOUND, 422, () -> {
                    Fixture f = fixture();
                    return Outcome.of(transfer(f.code, f.ada, "acc_nobody", 10, "GIFT"));
                }),
                row(Rejection.TYPE_NOT_ALLOWED_FOR_ACCOUNTS, 422, () -> {
                    Fixture f = fixture();
                    return Outcome.of(transfer(f.code, f.issuance, f.ada, 10, "GIFT"));
                }),
                row(Rejection.REVERSAL_NOT_REVERSIBLE, 422, () -> {
                    Fixture f = fixture();
                    String reversal = reverse(transfer(f.code, f.ada, f.bob, 10, "GIFT").field("id")).field("id");
                    return Outcome.of(reverse(reversal));
                }),
                row(Rejection.ALREADY_REVERSED, 409, () -> {
                    Fixture f = fixture();
                    String gift = transfer(f.code, f.ada, f.bob, 10, "GIFT").field("id");
                    reverse(gift);
                    return Outcome.of(reverse(gift));
                }),
                row(Rejection.INSUFFICIENT_CREDITS, 422, () -> giftBetweenMembers(61)),
                row(Rejection.BALANCE_OVERFLOW, 422, () -> {
                    Fixture f = fixture();
                    direct(() -> ledger.post(new Ledger.Draft(f.schemeId(), EntryType.ADJUSTMENT, "", Actor.of("test"), null,
                            List.of(new Posting(f.issuance, -(Long.MAX_VALUE - 60)), new Posting(f.bob, Long.MAX_VALUE - 60)))));
                    // ISSUANCE now stands at -Long.MAX_VALUE: issuing two more minutes would take it past Long.MIN_VALUE
                    return direct(() -> ledger.move(f.schemeId(), EntryType.ADJUSTMENT, f.issuance, f.ada, 2, "", Actor.of("test")));
                }),
                row(Refusal.SERVICE_BUSY, 503, this::accountLockedElsewhere),
                row(Refusal.TOO_MANY_ATTEMPTS, 429, () -> {
                    String username = "nobody-" + newKey();
                    // three free failures from an address, then it waits (docs/reliability.md, "Rate limits")
                    for (int i = 0; i < 3; i++) {
                        expect(anonymous.post("/login", object("username", username, "password", "wrong-password")), 401);
                    }
                    return Outcome.of(anonymous.post("/login", object("username", username, "password", "wrong-password")));
                }),
                row(Refusal.RATE_LIMITED, 429, () -> {
                    // every request to a route that moves credits counts, even one refused for having no key
                    Api ada = memberLogin(createScheme().get("code").asText(), "Ada").api();
                    for (int i = 0; i < 1_000; i++) {
                        Api.Reply reply = ada.post("/v1/me/gifts", object("toCardNumber", "0", "amountMinutes", 5));
                        if (reply.status() != 400) {
                            return Outcome.of(reply);
                        }
                    }
                    throw new AssertionError("1,000 requests and never limited");
                }),
                row(Refusal.USERNAME_TAKEN, 409, () -> Outcome.of(admin.post("/v1/schemes/" + fixture().code + "/staff",
                        object("username", "admin", "password", "long-enough-password", "role", "AUDITOR")))),
                row(Refusal.ACTIVATION_CODE_INVALID, 422, () -> Outcome.of(anonymous.post("/v1/activation",
                        object("code", "AAAA-AAAA-AAAA", "username", "someone", "password", "long-enough-password")))),
                row(Refusal.PASSWORD_RESET_CODE_INVALID, 422, () -> Outcome.of(anonymous.post("/v1/password-reset",
                        object("username", "nobody-in-particular", "code", "7K2M-QX9D-4RTB", "newPassword", "a-new-password-1")))),
                row(Refusal.STAFF_INACTIVE, 409, () -> {
                    String code = fixture().code;
                    String username = "leaving-" + newKey();
                    String id = admin.post("/v1/schemes/" + code + "/staff", object("username", username,
                            "password", "staff-password-1", "role", "AUDITOR")).field("id");
                    expect(admin.post("/v1/staff/" + id + "/deactivation", object("reason", "Left the centre")), 200);
                    return Outcome.of(anonymous.post("/login", object("username", username, "password", "staff-password-1")));
                }),
                row(Refusal.LAST_ADMINISTRATOR, 409, () -> {
                    String code = fixture().code;
                    String id = admin.post("/v1/schemes/" + code + "/staff", object("username", "only-admin-" + newKey(),
                            "password", "staff-password-1", "role", "ADMIN")).field("id");
                    return Outcome.of(admin.post("/v1/staff/" + id + "/deactivation", object("reason", "Left")));
                }),
                row(Refusal.RULE_VIOLATED, 422, () -> {
                    Volunteering v = volunteering();
                    return Outcome.of(v.log(1_441));
                }),
                row(Refusal.ACTIVITY_ALREADY_DECIDED, 409, () -> {
                    Volunteering v = volunteering();
                    String id = v.log(60).field("id");
                    expect(admin.post("/v1/activities/" + id + "/rejection", object("reason", "not ours")), 200);
                    return Outcome.of(admin.post("/v1/activities/" + id + "/approval", null, "Idempotency-Key", newKey()));
                }),
                row(Refusal.CATEGORY_CODE_TAKEN, 409, () -> Outcome.of(admin.post("/v1/schemes/" + volunteering().code()
                        + "/categories", object("code", "shopping", "name", "Shopping again")))),
                row(Rejection.HOLD_EXPIRED, 409, () -> {
                    Fixture f = fixture();
                    Hold hold = transactions.write(() -> ledger.hold(f.schemeId(), f.ada, 10, java.time.Instant.now().minusSeconds(1), List.of()));
                    return direct(() -> ledger.capture(hold.id(), 10, EntryType.REDEMPTION, f.bob, "", Actor.of("test")));
                }),
                row(Rejection.CAPTURE_EXCEEDS_HELD, 422, () -> {
                    Fixture f = fixture();
                    Hold hold = transactions.write(() -> ledger.hold(f.schemeId(), f.ada, 10, java.time.Instant.now().plusSeconds(600), List.of()));
                    return direct(() -> ledger.capture(hold.id(), 11, EntryType.GIFT, f.bob, "", Actor.of("test")));
                }),
                row(Rejection.REVERSAL_NOT_ALLOWED, 422, () -> {
                    Till t = tillFixture(null);
                    String id = t.till().post("/v1/redemptions", object("cardNumber", t.card(), "offerId", t.offer(),
                            "tillReference", "t", "capture", true), "Idempotency-Key", newKey()).field("entryId");
                    return Outcome.of(admin.post("/v1/entries/" + id + "/reversal", object("reason", "no"), "Idempotency-Key", newKey()));
                }),
                row(Rejection.HOLD_NOT_OPEN, 409, () -> {
                    Till t = tillFixture(null);
                    String id = t.hold().field("id");
                    expect(t.till().post("/v1/redemptions/" + id + "/void", null, "Idempotency-Key", newKey()), 200);
                    return Outcome.of(t.till().post("/v1/redemptions/" + id + "/void", null, "Idempotency-Key", newKey()));
                }),
                row(Refusal.REFUND_EXCEEDS_CAPTURED, 422, () -> {
                    Till t = tillFixture(null);
                    String id = t.hold().field("id");
                    expect(t.till().post("/v1/redemptions/" + id + "/capture", object("amountMinutes", 5), "Idempotency-Key", newKey()), 200);
                    return Outcome.of(t.till().post("/v1/redemptions/" + id + "/refunds", object("amountMinutes", 6,
                            "reason", "too much"), "Idempotency-Key", newKey()));
                }),
                row(Refusal.QUOTA_EXHAUSTED, 409, () -> {
                    Till t = tillFixture(1);
                    expect(t.hold(), 201);
                    return Outcome.of(t.hold());
                }),
                row(Refusal.OFFER_NOT_AVAILABLE, 422, () -> {
                    Till t = tillFixture(null);
                    expect(admin.send("PATCH", "/v1/offers/" + t.offer(), object("active", false)), 200);
                    return Outcome.of(t.hold());
                }),
                row(Refusal.LISTING_CLOSED, 409, () -> {
                    ListingFixture l = listingFixture();
                    expect(admin.post("/v1/listings/" + l.id() + "/closure", null), 200);
                    return Outcome.of(l.responder().post("/v1/listings/" + l.id() + "/responses", object("message", "I can help")));
                }),
                row(Refusal.LISTING_EXPIRED, 409, () -> {
                    ListingFixture l = listingFixture(); // its last day is today: the day after tomorrow it has expired
                    clock.advance(java.time.Duration.ofDays(2));
                    try {
                        return Outcome.of(l.responder().post("/v1/listings/" + l.id() + "/responses", object("message", "I can help")));
                    } finally {
                        clock.advance(java.time.Duration.ofDays(2).negated());
                    }
                }),
                row(Refusal.RECIPIENT_NOT_FOUND, 422, () -> {
                    MemberLogin ada = memberLogin(createScheme().get("code").asText(), "Ada");
                    return Outcome.of(ada.api().post("/v1/me/gifts", object("toCardNumber",
                            org.timeledger.schemes.CardNumbers.newNumber(), "amountMinutes", 5), "Idempotency-Key", newKey()));
                }),
                row(Refusal.ACTIVITY_NOT_APPROVED, 409, () -> {
                    String code = createScheme().get("code").asText();
                    expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
                    String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Club")).field("id");
                    String member = registerMember(code, "Ada").get("id").asText();
                    String activity = admin.post("/v1/schemes/" + code + "/activities", object("memberId", member,
                            "organisationId", organisation, "date", java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))
                                    .toString(), "minutes", 30, "categoryCode", "shopping"), "Idempotency-Key", newKey()).field("id");
                    return Outcome.of(admin.post("/v1/activities/" + activity + "/reversal", object("reason", "x"),
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.MEMBER_NOT_FOUND, 422, () -> {
                    Timebank t = timebank();
                    return Outcome.of(t.ada().api().post("/v1/me/exchanges", t.help("toMemberId", "mem_nobody"),
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.CARD_BLOCKED, 422, () -> {
                    Timebank t = timebank();
                    expect(t.bea().api().post("/v1/me/card/replacement", null), 201);
                    return Outcome.of(t.ada().api().post("/v1/me/exchanges", t.help("toCardNumber", t.bea().cardNumber()),
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.MEMBER_ERASED, 409, () -> {
                    Timebank t = timebank();
                    expect(admin.send("DELETE", "/v1/members/" + t.bea().memberId() + "/personal-data", null,
                            "Idempotency-Key", newKey()), 200);
                    return Outcome.of(t.ada().api().post("/v1/me/exchanges", t.help("toMemberId", t.bea().memberId()),
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.MEMBER_INACTIVE, 409, () -> {
                    Timebank t = timebank();
                    expect(admin.post("/v1/members/" + t.bea().memberId() + "/deactivation",
                            object("reason", "Moved away")), 200);
                    return Outcome.of(t.ada().api().post("/v1/me/exchanges", t.help("toMemberId", t.bea().memberId()),
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.PAYMENT_REQUEST_DECIDED, 409, () -> {
                    Timebank t = timebank();
                    String id = t.bea().api().post("/v1/me/payment-requests", t.help("fromMemberId", t.ada().memberId())).field("id");
                    expect(t.bea().api().post("/v1/payment-requests/" + id + "/cancellation", null), 200);
                    return Outcome.of(t.ada().api().post("/v1/payment-requests/" + id + "/confirmation", null,
                            "Idempotency-Key", newKey()));
                }),
                row(Refusal.PAYMENT_REQUEST_EXPIRED, 409, () -> {
                    Timebank t = timebank();
                    String id = t.bea().api().post("/v1/me/payment-requests", t.help("fromMemberId", t.ada().memberId())).field("id");
                    update("UPDATE payment_request SET expires_at = created_at WHERE id = ?", id);
                    return Outcome.of(t.ada().api().post("/v1/payment-requests/" + id + "/confirmation", null,
                            "Idempotency-Key", newKey()));
                }));
    }

    /** Two members of a new timebank with a kind of help, for the timebank's rows. */
    record Timebank(MemberLogin ada, MemberLogin bea) {
        Map<String, Object> help(String memberField, String member) {
            Map<String, Object> body = object(memberField, member, "minutes", 30, "categoryCode", "shopping",
                    "date", java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).minusDays(1).toString(),
                    "description", "Shopping");
            return body;
        }
    }

    private Timebank timebank() {
        String code = createScheme("memberFloorMinutes", -600).get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        return new Timebank(memberLogin(code, "Ada"), memberLogin(code, "Bea"));
    }

    private void update(String statement, String id) {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rows")
    void eachRuleRefusesWithItsOwnStatusAndCode(ProblemCode rejection, int status, Scenario scenario) {
        Outcome outcome = scenario.run();

        assertThat(outcome).isEqualTo(new Outcome(status, rejection.code()));
        assertThat(Problems.status(rejection).getCode()).isEqualTo(status);
    }

    @Test
    void everyRejectionHasARow() {
        Set<ProblemCode> covered = rows().map(a -> (ProblemCode) a.get()[0]).collect(Collectors.toCollection(java.util.HashSet::new));
        // needs a database that can go away, which embedded H2 cannot: DatabaseOutagePostgresTest
        // asserts its status (503), code and Retry-After
        covered.add(Refusal.DATABASE_UNAVAILABLE);
        assertThat(covered).containsExactlyInAnyOrder(java.util.stream.Stream.concat(
                java.util.Arrays.stream(Rejection.values()), java.util.Arrays.stream(Refusal.values())).toArray(ProblemCode[]::new));
    }

    @Test
    void anEntryOfMoreThanTwoPostingsObeysItsTypeToo() {
        Fixture f = fixture();
        // a GIFT that would also quietly mint a minute from ISSUANCE
        Outcome outcome = direct(() -> ledger.post(new Ledger.Draft(f.schemeId(), EntryType.GIFT, "", Actor.of("test"), null,
                List.of(new Posting(f.ada, -10), new Posting(f.issuance, -1), new Posting(f.bob, 11)))));

        assertThat(outcome).isEqualTo(new Outcome(422, Rejection.TYPE_NOT_ALLOWED_FOR_ACCOUNTS.code()));
        assertThat(balance(f.bob)).isZero();
    }

    @Test
    void aBatchOfEntriesIsAllOrNothingAndEachSeesTheBalancesTheOnesBeforeLeft() {
        Fixture f = fixture();
        Ledger.Draft topUp = new Ledger.Draft(f.schemeId(), EntryType.ADJUSTMENT, "", Actor.of("test"), null,
                List.of(new Posting(f.issuance, -10), new Posting(f.ada, 10)));
        Ledger.Draft spendItAll = new Ledger.Draft(f.schemeId(), EntryType.GIFT, "", Actor.of("test"), null,
                List.of(new Posting(f.ada, -70), new Posting(f.bob, 70)));
        Ledger.Draft tooMuch = new Ledger.Draft(f.schemeId(), EntryType.GIFT, "", Actor.of("test"), null,
                List.of(new Posting(f.bob, -71), new Posting(f.ada, 71)));

        Outcome refused = direct(() -> ledger.postAll(List.of(topUp, spendItAll, tooMuch)).get(0));
        List<JournalEntry> posted = transactions.write(() -> ledger.postAll(List.of(topUp, spendItAll)));

        assertThat(refused).isEqualTo(new Outcome(422, Rejection.INSUFFICIENT_CREDITS.code()));
        assertThat(posted).hasSize(2);
        assertThat(balance(f.ada)).isZero();
        assertThat(balance(f.bob)).isEqualTo(70);
        assertThat(reconcile(f.code).get("balanced").asBoolean()).isTrue();
    }

    private static Arguments row(ProblemCode rejection, int status, Scenario scenario) {
        return Arguments.of(rejection, status, scenario);
    }

    // ---- scenarios ----

    /** A scheme whose member Ada holds 60 minutes; Bob holds nothing. */
    record Fixture(JsonNode scheme, String code, String issuance, String ada, String bob) {
        String schemeId() {
            return scheme.get("schemeId").asText();
        }
    }

    private Fixture fixture() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("accountId").asText();
        String bob = registerMember(code, "Bob").get("accountId").asText();
        issue(scheme, ada, 60);
        String schemeId = transactions.read(() -> ledger.findAccount(ada).orElseThrow().schemeId());
        ((com.fasterxml.jackson.databind.node.ObjectNode) scheme).put("schemeId", schemeId);
        return new Fixture(scheme, code, scheme.get("issuanceAccountId").asText(), ada, bob);
    }

    /** A scheme with an organisation and a category, where the administrator logs activities. */
    record Volunteering(String code, String organisation, String member, Api admin) {
        Api.Reply log(long minutes) {
            return admin.post("/v1/schemes/" + code + "/activities", object("memberId", member, "organisationId", organisation,
                    "date", java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString(), "minutes", minutes,
                    "categoryCode", "shopping"), "Idempotency-Key", newKey());
        }
    }

    /** An offer of Ada's whose last day is today, and Bob, logged in, to respond to it. */
    record ListingFixture(String id, Api responder) {
    }

    private ListingFixture listingFixture() {
        String code = createScheme().get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "gardening", "name", "Gardening")), 201);
        String ada = registerMember(code, "Ada").get("id").asText();
        String id = admin.post("/v1/schemes/" + code + "/listings", object("kind", "OFFER", "categoryCode", "gardening",
                "title", "Help with the garden", "description", "Weeding", "memberId", ada, "expiresOn",
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString())).field("id");
        return new ListingFixture(id, memberLogin(code, "Bob").api());
    }

    private Volunteering volunteering() {
        String code = createScheme().get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        return new Volunteering(code, organisation, registerMember(code, "Ada").get("id").asText(), admin);
    }

    /** A partner's till, an offer of 10 minutes (with a weekly quota, or none), and Ada's card with 60 minutes. */
    record Till(Api till, String offer, String card) {
        Api.Reply hold() {
            return till.post("/v1/redemptions", object("cardNumber", card, "offerId", offer, "tillReference", "t"),
                    "Idempotency-Key", newKey());
        }
    }

    private Till tillFixture(Integer weeklyQuota) {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 60);
        String partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).field("id");
        java.util.Map<String, Object> offer = object("title", "Swim", "amountMinutes", 10);
        if (weeklyQuota != null) {
            offer.put("weeklyQuota", weeklyQuota);
        }
        return new Till(till(partner), admin.post("/v1/partners/" + partner + "/offers", offer).field("id"),
                ada.get("cardNumber").asText());
    }

    private Outcome giftBetweenMembers(long minutes) {
        Fixture f = fixture();
        return Outcome.of(transfer(f.code, f.ada, f.bob, minutes, "GIFT"));
    }

    private Api.Reply reverse(String entryId) {
        return admin.post("/v1/entries/" + entryId + "/reversal", object("reason", "test"), "Idempotency-Key", newKey());
    }

    private Outcome transferWithoutKey() {
        Fixture f = fixture();
        return Outcome.of(admin.post("/v1/schemes/" + f.code + "/transfers",
                object("fromAccountId", f.ada, "toAccountId", f.bob, "amountMinutes", 5, "type", "GIFT")));
    }

    private Outcome keyReusedForAnotherRequest() {
        Fixture f = fixture();
        String key = newKey();
        String path = "/v1/schemes/" + f.code + "/transfers";
        expect(admin.post(path, object("fromAccountId", f.ada, "toAccountId", f.bob, "amountMinutes", 5, "type", "GIFT"),
                "Idempotency-Key", key), 201);
        return Outcome.of(admin.post(path, object("fromAccountId", f.ada, "toAccountId", f.bob, "amountMinutes", 6, "type", "GIFT"),
                "Idempotency-Key", key));
    }

    /** Another transaction has claimed the key and not finished: the request waits, then gives up. */
    private Outcome keyStillInFlight() {
        Fixture f = fixture();
        String key = newKey();
        try (Connection other = sql()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "INSERT INTO idempotency_key (principal, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, adminId()); // keys are scoped to the caller's id
                ps.setString(2, key);
                ps.setString(3, "0".repeat(64));
                ps.setObject(4, OffsetDateTime.now());
                ps.executeUpdate();
            }
            Api.Reply reply = admin.post("/v1/schemes/" + f.code + "/transfers",
                    object("fromAccountId", f.ada, "toAccountId", f.bob, "amountMinutes", 5, "type", "GIFT"), "Idempotency-Key", key);
            other.rollback();
            assertThat(balance(f.bob)).as("nothing moved").isZero();
            return Outcome.of(reply);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another transaction holds Ada's account row: the transfer waits for the lock timeout, then says so. */
    private Outcome accountLockedElsewhere() {
        Fixture f = fixture();
        try (Connection other = sql()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT balance_minutes FROM account WHERE id = ? FOR UPDATE")) {
                ps.setString(1, f.ada);
                ps.executeQuery().close();
            }
            Api.Reply reply = transfer(f.code, f.ada, f.bob, 5, "GIFT");
            other.rollback();
            assertThat(reply.header("Retry-After")).contains("1");
            assertThat(balance(f.bob)).as("nothing moved").isZero();
            return Outcome.of(reply);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome direct(Supplier<JournalEntry> post) {
        try {
            transactions.write(post);
            return new Outcome(201, null);
        } catch (RejectedException e) {
            return new Outcome(Problems.status(e.rejection()).getCode(), e.rejection().code());
        }
    }

}

package org.timeledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.redemption.HoldSweep;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlTimes;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;
import org.timeledger.testing.TestClock;
import org.timeledger.testing.World;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The event feed (GET /v1/schemes/{code}/events): every kind of event with the ids it names,
 * paging and resuming with the cursor, replays, who may read what, and the order when
 * transactions commit in another order than they began: many writers against a consumer
 * polling all along, and one transaction held open by hand.
 */
public abstract class EventFeedTests extends ServiceTest {
    @Inject
    TestClock clock;
    @Inject
    HoldSweep sweep;

    @Override
    protected Map<String, String> extraProperties() {
        // the tests run the hold sweep themselves; the scheduled sequencer runs often, so that it
        // races the readers' own runs in the concurrency test
        return Map.of("timeledger.hold-sweep.interval", "1h", "timeledger.events.sequencer-interval", "100ms");
    }

    /** One page as read: its items and its nextCursor (null when absent). */
    record Page(List<JsonNode> items, String nextCursor) {
    }

    static Page page(Api api, String code, String after, int limit) {
        Api.Reply reply = api.get("/v1/schemes/" + code + "/events?limit=" + limit + (after == null ? "" : "&after=" + after));
        expect(reply, 200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return new Page(items, reply.field("nextCursor"));
    }

    /** Everything after {@code after}, page by page. */
    static List<JsonNode> readAll(Api api, String code, String after) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = after;
        while (true) {
            Page page = page(api, code, cursor, 50);
            if (page.items().isEmpty()) {
                assertThat(page.nextCursor()).as("an empty page has no nextCursor").isNull();
                return all;
            }
            assertThat(page.nextCursor()).as("a page with items always has a nextCursor").isNotNull();
            assertThat(page.nextCursor()).isEqualTo(page.items().get(page.items().size() - 1).get("cursor").asText());
            all.addAll(page.items());
            cursor = page.nextCursor();
        }
    }

    static List<String> field(List<JsonNode> events, String name) {
        return events.stream().map(e -> e.has(name) ? e.get(name).asText() : null).toList();
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> found = events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private String lastCursor(String code) {
        List<JsonNode> all = readAll(admin, code, null);
        return all.isEmpty() ? null : all.get(all.size() - 1).get("cursor").asText();
    }

    // ---- what the events say ----

    @Test
    void everyKindOfEventAppearsInOrderWithTheIdsOfWhatItAffected() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada Lovelace");
        String adaId = ada.get("id").asText();
        String adaAccount = ada.get("accountId").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "shopping", "name", "Shopping")), 201);
        String approvedActivity = logActivity(code, adaId, organisation, 90);
        Api.Reply approved = admin.post("/v1/activities/" + approvedActivity + "/approval", null, "Idempotency-Key", newKey());
        expect(approved, 200);
        String rejectedActivity = logActivity(code, adaId, organisation, 30);
        expect(admin.post("/v1/activities/" + rejectedActivity + "/rejection", object("reason", "not today")), 200);
        String issued = issue(scheme, adaAccount, 300).get("id").asText();

        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis")).json();
        String partnerId = partner.get("id").asText();
        String partnerAccount = partner.get("accountId").asText();
        Api till = till(partnerId);
        String card = ada.get("cardNumber").asText();
        String captured = hold(till, card, 60);
        Api.Reply capture = till.post("/v1/redemptions/" + captured + "/capture", null, "Idempotency-Key", newKey());
        expect(capture, 200);
        Api.Reply refund = till.post("/v1/redemptions/" + captured + "/refunds", object("amountMinutes", 20, "reason", "closed early"),
                "Idempotency-Key", newKey());
        expect(refund, 201);
        String voided = hold(till, card, 15);
        expect(till.post("/v1/redemptions/" + voided + "/void", null, "Idempotency-Key", newKey()), 200);
        String expired = hold(till, card, 10);
        clock.advance(Duration.ofMinutes(16));
        sweep.sweep();

        List<JsonNode> events = readAll(admin, code, null);

        assertThat(field(events, "type")).containsExactly("member.registered",
                "entry.posted", "activity.approved", "activity.rejected", "entry.posted",
                "redemption.held", "entry.posted", "redemption.captured", "entry.posted", "redemption.refunded",
                "redemption.held", "redemption.voided", "redemption.held", "redemption.expired");
        assertThat(field(events, "id")).doesNotHaveDuplicates().allMatch(id -> id.startsWith("evt_"));
        assertThat(events).allMatch(e -> e.has("occurredAt") && e.has("cursor"));

        JsonNode registered = only(events, "member.registered");
        assertThat(registered.get("memberId").asText()).isEqualTo(adaId);
        assertThat(Api.JSON.convertValue(registered.get("accountIds"), List.class)).containsExactly(adaAccount);

        JsonNode approval = only(events, "activity.approved");
        assertThat(approval.get("activityId").asText()).isEqualTo(approvedActivity);
        assertThat(approval.get("memberId").asText()).isEqualTo(adaId);
        assertThat(approval.get("organisationId").asText()).isEqualTo(organisation);
        assertThat(approval.get("entryId").asText()).isEqualTo(approved.field("entryId"));
        assertThat(approval.get("entryType").asText()).isEqualTo("EARN");
        assertThat(approval.get("amountMinutes").asLong()).isEqualTo(90);
        JsonNode earn = events.get(1);
        assertThat(earn.get("entryId").asText()).isEqualTo(approved.field("entryId"));
        assertThat(earn.get("entryType").asText()).isEqualTo("EARN");
        assertThat(earn.get("amountMinutes").asLong()).isEqualTo(90);

        JsonNode rejection = only(events, "activity.rejected");
        assertThat(rejection.get("activityId").asText()).isEqualTo(rejectedActivity);
        assertThat(rejection.has("entryId")).isFalse();

        JsonNode adjustment = events.get(4);
        assertThat(adjustment.get("entryId").asText()).isEqualTo(issued);
        assertThat(adjustment.get("entryType").asText()).isEqualTo("ADJUSTMENT");
        assertThat(adjustment.get("amountMinutes").asLong()).isEqualTo(300);
        assertThat(field(List.of(adjustment), "partnerId")).containsOnlyNulls();

        JsonNode redemptionEntry = events.get(6);
        assertThat(redemptionEntry.get("entryId").asText()).isEqualTo(capture.field("entryId"));
        assertThat(redemptionEntry.get("entryType").asText()).isEqualTo("REDEMPTION");
        assertThat(redemptionEntry.get("partnerId").asText()).isEqualTo(partnerId);
        assertThat(Api.JSON.convertValue(redemptionEntry.get("accountIds"), List.class)).containsExactlyInAnyOrder(adaAccount, partnerAccount);
        JsonNode capturedEvent = only(events, "redemption.captured");
        assertThat(capturedEvent.get("redemptionId").asText()).isEqualTo(captured);
        assertThat(capturedEvent.get("entryId").asText()).isEqualTo(capture.field("entryId"));
        assertThat(capturedEvent.get("partnerId").asText()).isEqualTo(partnerId);
        assertThat(capturedEvent.get("memberId").asText()).isEqualTo(adaId);
        assertThat(capturedEvent.get("amountMinutes").asLong()).isEqualTo(60);

        JsonNode refunded = only(events, "redemption.refunded");
        assertThat(refunded.get("redemptionId").asText()).isEqualTo(captured);
        assertThat(refunded.get("refundId").asText()).isEqualTo(refund.field("id"));
        assertThat(refunded.get("entryId").asText()).isEqualTo(refund.field("entryId"));
        assertThat(refunded.get("amountMinutes").asLong()).isEqualTo(20);
        assertThat(events.get(8).get("entryType").asText()).isEqualTo("REFUND");

        List<JsonNode> held = events.stream().filter(e -> e.get("type").asText().equals("redemption.held")).toList();
        assertThat(field(held, "redemptionId")).containsExactly(captured, voided, expired);
        assertThat(field(held, "amountMinutes")).containsExactly("60", "15", "10");
        assertThat(only(events, "redemption.voided").get("redemptionId").asText()).isEqualTo(voided);
        JsonNode expiry = only(events, "redemption.expired");
        assertThat(expiry.get("redemptionId").asText()).isEqualTo(expired);
        assertThat(expiry.get("partnerId").asText()).isEqualTo(partnerId);
        assertThat(expiry.get("amountMinutes").asLong()).isEqualTo(10);

        String text = events.toString();
        assertThat(text).as("no personal data").doesNotContain("Ada", "Lovelace", card, "closed early", "not today");
    }

    @Test
    void aHoldExpiredWhenItsAccountIsNextUsedIsAnEventTooInThatTransaction() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 100);
        String partnerId = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis")).field("id");
        Api till = till(partnerId);
        String held = hold(till, ada.get("cardNumber").asText(), 40);
        String before = lastCursor(code);
        clock.advance(Duration.ofMinutes(16));

        String gift = issue(scheme, ada.get("accountId").asText(), 5).get("id").asText(); // locks Ada's account

        List<JsonNode> events = readAll(admin, code, before);
        assertThat(field(events, "type")).containsExactly("redemption.expired", "entry.posted");
        assertThat(events.get(0).get("redemptionId").asText()).isEqualTo(held);
        assertThat(events.get(1).get("entryId").asText()).isEqualTo(gift);
    }

    // ---- paging ----

    @Test
    void pagesFollowTheCursorSeeingEachEventOnceAndTheLastPageTellsWhereToResume() {
        String code = createScheme().get("code").asText();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            members.add(registerMember(code, "Member " + i).get("id").asText());
        }

        Page first = page(admin, code, null, 3);
        Page second = page(admin, code, first.nextCursor(), 3);
        Page last = page(admin, code, second.nextCursor(), 3);
        Page empty = page(admin, code, last.nextCursor(), 3);

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(3);
        assertThat(last.items()).hasSize(1);
        assertThat(last.nextCursor()).as("the last page still says where to resume").isNotNull();
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextCursor()).isNull();
        List<JsonNode> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        all.addAll(last.items());
        assertThat(field(all, "memberId")).containsExactlyElementsOf(members);
        assertThat(field(all, "id")).doesNotHaveDuplicates();
        assertThat(field(readAll(admin, code, null), "id")).containsExactlyElementsOf(field(all, "id"));

        // resuming later from the last page's cursor gives exactly what happened since
        String eighth = registerMember(code, "Member 7").get("id").asText();
        String ninth = registerMember(code, "Member 8").get("id").asText();
        assertThat(field(readAll(admin, code, last.nextCursor()), "memberId")).containsExactly(eighth, ninth);
        // and an event's own cursor resumes right after it
        assertThat(field(readAll(admin, code, all.get(4).get("cursor").asText()), "memberId"))
                .containsExactly(members.get(5), members.get(6), eighth, ninth);
    }

    @Test
    void limitsAndCursorsAreChecked() {
        String code = createScheme().get("code").asText();
        for (String query : List.of("limit=0", "limit=201", "limit=x", "after=not-a-cursor", "after=djE6YWJj")) {
            Api.Reply reply = admin.get("/v1/schemes/" + code + "/events?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
        }
        registerMember(code, "One");
        assertThat(page(admin, code, null, 200).items()).hasSize(1);
        assertThat(page(admin, code, null, 1).items()).hasSize(1);
    }

    // ---- an event if and only if the effect ----

    @Test
    void aReplayedRequestAndARefusedOneAddNoEvent() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        JsonNode bob = registerMember(code, "Bob");
        String partnerId = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis")).field("id");
        Api till = till(partnerId);
        String start = lastCursor(code);

        Map<String, Object> body = object("fromAccountId", scheme.get("issuanceAccountId").asText(),
                "toAccountId", ada.get("accountId").asText(), "amountMinutes", 120, "type", "ADJUSTMENT");
        String key = newKey();
        Api.Reply first = admin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);
        Api.Reply again = admin.post("/v1/schemes/" + code + "/transfers", body, "Idempotency-Key", key);
        expect(first, 201);
        expect(again, 201);
        assertThat(again.header("Idempotent-Replayed")).contains("true");

        Map<String, Object> holdBody = object("cardNumber", ada.get("cardNumber").asText(), "amountMinutes", 30,
                "tillReference", "r-1");
        String holdKey = newKey();
        expect(till.post("/v1/redemptions", holdBody, "Idempotency-Key", holdKey), 201);
        Api.Reply holdAgain = till.post("/v1/redemptions", holdBody, "Idempotency-Key", holdKey);
        expect(holdAgain, 201);
        assertThat(holdAgain.header("Idempotent-Replayed")).contains("true");

        // refused, each recorded under its key but with no effect and no event: an ADJUSTMENT between two
        // members, which that type may not move; a gift from Bob, who has nothing
        Api.Reply refused = transfer(code, bob.get("accountId").asText(), ada.get("accountId").asText(), 10, "ADJUSTMENT");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("type_not_allowed_for_accounts");
        Api.Reply nothingToGive = transfer(code, bob.get("accountId").asText(), ada.get("accountId").asText(), 10, "GIFT");
        assertThat(nothingToGive.status()).isEqualTo(422);
        assertThat(nothingToGive.code()).isEqualTo("insufficient_credits");
        Api.Reply poor = till.post("/v1/redemptions", object("cardNumber", bob.get("cardNumber").asText(),
                "amountMinutes", 30, "tillReference", "r-2"), "Idempotency-Key", newKey());
        assertThat(poor.code()).isEqualTo("insufficient_credits");

        List<JsonNode> events = readAll(admin, code, start);
        assertThat(field(events, "type")).containsExactly("entry.posted", "redemption.held");
        assertThat(events.get(0).get("entryId").asText()).isEqualTo(first.field("id"));
    }

    // ---- who reads what ----

    @Test
    void aTillReadsOnlyItsOwnPartnersEvents() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 500);
        JsonNode pool = admin.post("/v1/schemes/" + code + "/partners", object("name", "Pool")).json();
        JsonNode shop = admin.post("/v1/schemes/" + code + "/partners", object("name", "Shop")).json();
        Api poolTill = till(pool.get("id").asText());
        Api shopTill = till(shop.get("id").asText());
        String card = ada.get("cardNumber").asText();

        String swim = hold(poolTill, card, 60);
        expect(poolTill.post("/v1/redemptions/" + swim + "/capture", null, "Idempotency-Key", newKey()), 200);
        String bread = hold(shopTill, card, 20);
        expect(admin.post("/v1/partners/" + pool.get("id").asText() + "/settlements",
                object("upTo", Instant.now().toString()), "Idempotency-Key", newKey()), 201);

        List<JsonNode> poolEvents = readAll(poolTill, code, null);
        assertThat(field(poolEvents, "type")).containsExactly("redemption.held", "entry.posted", "redemption.captured",
                "entry.posted");
        assertThat(field(poolEvents, "partnerId")).containsOnly(pool.get("id").asText());
        assertThat(poolEvents.get(3).get("entryType").asText()).isEqualTo("SETTLEMENT");
        assertThat(field(poolEvents, "redemptionId")).doesNotContain(bread);

        List<JsonNode> shopEvents = readAll(shopTill, code, null);
        assertThat(field(shopEvents, "type")).containsExactly("redemption.held");
        assertThat(shopEvents.get(0).get("redemptionId").asText()).isEqualTo(bread);

        // the administrator sees all of them, and the till's cursor means the same place for everyone
        assertThat(readAll(admin, code, null)).hasSizeGreaterThan(poolEvents.size() + shopEvents.size());
        String afterCapture = poolEvents.get(2).get("cursor").asText();
        assertThat(field(readAll(poolTill, code, afterCapture), "entryType")).containsExactly("SETTLEMENT");

        // another scheme's feed does not exist for this till
        String other = createScheme().get("code").asText();
        assertThat(poolTill.get("/v1/schemes/" + other + "/events").status()).isEqualTo(404);
    }

    @Test
    void administratorsAndAuditorsOfTheSchemeReadItNobodyElse() {
        World world = new World(this);
        for (String role : List.of("ADMIN_ALL_SCHEMES", "ADMIN", "AUDITOR", "PARTNER")) {
            assertThat(world.client(role).get("/v1/schemes/" + world.code + "/events").status()).as(role).isEqualTo(200);
        }
        for (String role : List.of("COORDINATOR", "MEMBER")) {
            Api.Reply reply = world.client(role).get("/v1/schemes/" + world.code + "/events");
            assertThat(reply.status()).as(role).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("forbidden");
        }
        assertThat(anonymous.get("/v1/schemes/" + world.code + "/events").status()).isEqualTo(401);
        // staff of another scheme: as if the scheme did not exist
        String other = createScheme().get("code").asText();
        for (String role : List.of("ADMIN", "AUDITOR")) {
            Api outsider = staff(other, role);
            assertThat(outsider.get("/v1/schemes/" + world.code + "/events").code()).as(role).isEqualTo("not_found");
        }
        assertThat(admin.get("/v1/schemes/no-such-scheme/events").status()).isEqualTo(404);
        // the auditor reads every event the administrator reads
        assertThat(field(readAll(world.client("AUDITOR"), world.code, null), "id"))
                .containsExactlyElementsOf(field(readAll(admin, world.code, null), "id"));
    }

    // ---- order when transactions commit out of order ----

    /**
     * Writers post entries over HTTP from many threads while a consumer polls the feed with its
     * cursor all along. At the end the consumer has seen every event of the scheme exactly
     * once, in position order: exactly the rows in the table.
     */
    @Test
    void aConsumerPollingWhileManyWritersCommitSeesEveryEventExactlyOnceInOrder() throws Exception {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String issuance = scheme.get("issuanceAccountId").asText();
        int writers = 8;
        int entriesEach = 40;
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(registerMember(code, "Member " + i).get("accountId").asText());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<List<JsonNode>> consumer = pool.submit(() -> {
                List<JsonNode> seen = new ArrayList<>();
                String cursor = null;
                boolean drained = false;
                while (!drained) {
                    boolean wereWriting = writing.get();
                    Page page = page(admin, code, cursor, 7);
                    polls.incrementAndGet();
                    seen.addAll(page.items());
                    if (page.nextCursor() != null) {
                        cursor = page.nextCursor();
                    }
                    drained = !wereWriting && page.items().isEmpty();
                }
                return seen;
            });
            List<Future<?>> posting = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                posting.add(pool.submit(() -> {
                    for (int i = 0; i < entriesEach; i++) {
                        String to = accounts.get((writer + i) % accounts.size());
                        expect(transfer(code, issuance, to, 1 + i, "ADJUSTMENT"), 201);
                    }
                    return null;
                }));
            }
            for (Future<?> f : posting) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<JsonNode> seen = consumer.get(5, TimeUnit.MINUTES);

            List<String> inTable = new ArrayList<>();
            try (Connection c = sql(); PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM event WHERE scheme_id = ? ORDER BY feed_position")) {
                ps.setString(1, schemeId(code));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inTable.add(rs.getString(1));
                    }
                }
            }
            assertThat(inTable).hasSize(4 + writers * entriesEach);
            assertThat(field(seen, "id")).doesNotHaveDuplicates().containsExactlyElementsOf(inTable);
            assertThat(polls.get()).as("the consumer polled while the writers wrote").isGreaterThan(2);
            System.out.printf("event feed on %s: %d events from %d writers, seen by a consumer in %d polls%n",
                    database.kind(), inTable.size(), writers, polls.get());
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * A transaction that recorded an event and has not committed, while a later one commits: the
     * feed shows the committed one only, and the first appears after it once committed, to a
     * consumer resuming from where it was. Here the held-open transaction is a plain JDBC one
     * inserting an event row as the write path does (on H2 the service takes its own writes one at
     * a time, so this is how two are in flight there at once).
     */
    @Test
    void anEventCommittedAfterALaterOneIsStillSeenByAConsumerResumingFromItsCursor() throws SQLException {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String schemeId = schemeId(code);
        registerMember(code, "Before");
        String cursor = lastCursor(code);
        String early = Ids.newOrderedId("evt"); // inserted first, so it sorts before the later one
        try (Connection open = sql()) {
            open.setAutoCommit(false);
            try (PreparedStatement ps = open.prepareStatement("INSERT INTO event (id, scheme_id, type, occurred_at, member_id) "
                    + "VALUES (?, ?, 'member.registered', ?, 'mem_held_open')")) {
                ps.setString(1, early);
                ps.setString(2, schemeId);
                ps.setObject(3, SqlTimes.of(Instant.now()));
                ps.executeUpdate();
            }

            String later = registerMember(code, "Later").get("id").asText();

            Page whileOpen = page(admin, code, cursor, 50);
            assertThat(field(whileOpen.items(), "memberId")).containsExactly(later);
            assertThat(field(readAll(admin, code, whileOpen.nextCursor()), "id")).isEmpty();

            open.commit();

            List<JsonNode> resumed = readAll(admin, code, whileOpen.nextCursor());
            assertThat(field(resumed, "id")).containsExactly(early);
            assertThat(field(resumed, "memberId")).containsExactly("mem_held_open");
            // from the start: each once, the later-committed one after the other
            List<String> all = field(readAll(admin, code, null), "id");
            assertThat(all).doesNotHaveDuplicates().endsWith(whileOpen.items().get(0).get("id").asText(), early);
        }
    }

    /**
     * Positions are a scheme's own: writers in two schemes at once, with consumers of both
     * polling all along (so that sequencer runs race one another), and each scheme's feed is
     * numbered 1, 2, 3, ... with no gap where the other scheme's events went and no position
     * given twice. A till decoding its cursors learns nothing of how busy another scheme is.
     */
    @Test
    void eachSchemesPositionsRunFromOneWithNoGapsWhateverOtherSchemesDo() throws Exception {
        List<JsonNode> schemes = List.of(createScheme(), createScheme());
        List<List<String>> accounts = new ArrayList<>();
        for (JsonNode scheme : schemes) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                members.add(registerMember(scheme.get("code").asText(), "Member " + i).get("accountId").asText());
            }
            accounts.add(members);
        }
        int writersEach = 3;
        int entriesEach = 15;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2 * writersEach + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                String code = schemes.get(s).get("code").asText();
                String issuance = schemes.get(s).get("issuanceAccountId").asText();
                List<String> members = accounts.get(s);
                for (int w = 0; w < writersEach; w++) {
                    int writer = w;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < entriesEach; i++) {
                            expect(transfer(code, issuance, members.get((writer + i) % members.size()), 1 + i, "ADJUSTMENT"), 201);
                        }
                        return null;
                    }));
                }
            }
            List<Future<?>> readers = new ArrayList<>();
            for (JsonNode scheme : schemes) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        page(admin, scheme.get("code").asText(), null, 1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        for (JsonNode scheme : schemes) {
            List<JsonNode> all = readAll(admin, scheme.get("code").asText(), null);
            int expected = 2 + writersEach * entriesEach;
            assertThat(all).hasSize(expected);
            List<Long> positions = all.stream().map(e -> position(e.get("cursor").asText())).toList();
            assertThat(positions).as("the scheme's own positions, in order, no gaps")
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
        }
    }

    /** The position a cursor carries, as anyone can decode it (cursors are opaque, not secret). */
    static long position(String cursor) {
        String text = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("v1:");
        return Long.parseLong(text.substring(3));
    }

    // ---- fixtures ----

    private String logActivity(String code, String memberId, String organisation, int minutes) {
        Api.Reply logged = admin.post("/v1/schemes/" + code + "/activities", object("memberId", memberId,
                "organisationId", organisation, "date", World.today(), "minutes", minutes, "categoryCode", "shopping"),
                "Idempotency-Key", newKey());
        expect(logged, 201);
        return logged.field("id");
    }

    private static String hold(Api till, String card, long minutes) {
        Api.Reply held = till.post("/v1/redemptions", object("cardNumber", card, "amountMinutes", minutes,
                "tillReference", "receipt"), "Idempotency-Key", newKey());
        expect(held, 201);
        return held.field("id");
    }

    /** The scheme's internal id, which the API never shows, as the event table holds it. */
    private String schemeId(String code) throws SQLException {
        try (Connection c = sql(); PreparedStatement ps = c.prepareStatement("SELECT id FROM scheme WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}

package org.timeledger.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * The scheme summary against a generated year in small: random volunteering, gifts,
 * donations, grants, redemptions, refunds, exchanges between members (some dated before the
 * period, one reversed), a correction and a settlement, driven through the API, while the
 * generator keeps its own tally. The report must agree with the tally, which
 * is not the same SQL run twice.
 */
public abstract class SummaryReportTests extends ServiceTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String[] WARDS = {"Brixton", "Stockwell", null};

    /** What the generator did, summed its own way. */
    static final class Tally {
        long volunteered;
        long activities;
        final Set<String> volunteers = new HashSet<>();
        long issued;
        long retired;
        long earned;
        long given;
        long donated;
        long granted;
        long redeemed;
        long refunded;
        long settled;
        long reversed;
        long pot;
        final Map<String, Long> balances = new HashMap<>();
        final Map<String, long[]> byCategory = new TreeMap<>();
        final Map<String, long[]> byOrganisation = new TreeMap<>();
        final Map<String, Set<String>> volunteersByOrganisation = new HashMap<>();
        final Map<String, long[]> byPartner = new HashMap<>();
        final Map<String, Long> byWard = new TreeMap<>();
        final Map<String, Long> dayMinutes = new HashMap<>();
        /** EXCHANGE entries posted, whatever the date of their help. */
        long exchangedPosted;
        /** Exchanges dated in the period and not reversed: minutes, count, payers, helpers. */
        long minutesExchanged;
        long exchanges;
        final Set<String> payers = new HashSet<>();
        final Set<String> helpers = new HashSet<>();
        final Map<String, Exchanged> exchangesByCategory = new TreeMap<>();
        final Map<String, Exchanged> exchangesByWard = new TreeMap<>();
    }

    /** Exchanges of one group, as the generator counted them. */
    static final class Exchanged {
        long minutes;
        long exchanges;
        final Set<String> payers = new HashSet<>();
        final Set<String> helpers = new HashSet<>();

        void add(Member payer, Member helper, long minutes) {
            this.minutes += minutes;
            exchanges++;
            payers.add(payer.id());
            helpers.add(helper.id());
        }
    }

    /** An exchange the generator recorded: its entry, who paid whom, for what and when. */
    record Recorded(String entryId, Member payer, Member helper, String category, LocalDate date, long minutes,
                    boolean reversed) {
    }

    record Member(String id, String accountId, String card, String ward) {
    }

    @Test
    void theSummaryAgreesWithWhatTheGeneratorDid() {
        JsonNode scheme = createScheme("timeZone", "Europe/London");
        String code = scheme.get("code").asText();
        for (String category : List.of("shopping", "gardening")) {
            expect(admin.post("/v1/schemes/" + code + "/categories", object("code", category, "name", category)), 201);
        }
        List<String> organisations = new ArrayList<>();
        for (String name : List.of("Lunch club", "Garden group")) {
            organisations.add(admin.post("/v1/schemes/" + code + "/organisations", object("name", name)).field("id"));
        }
        List<String> partners = new ArrayList<>();
        List<String> partnerAccounts = new ArrayList<>();
        List<Api> tills = new ArrayList<>();
        for (String name : List.of("Leisure centre", "Cinema")) {
            JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", name)).json();
            partners.add(partner.get("id").asText());
            partnerAccounts.add(partner.get("accountId").asText());
            tills.add(till(partner.get("id").asText()));
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String ward = WARDS[i % WARDS.length];
            Map<String, Object> body = object("displayName", "Member " + i);
            if (ward != null) {
                body.put("ward", ward);
            }
            JsonNode m = admin.post("/v1/schemes/" + code + "/members", body).json();
            members.add(new Member(m.get("id").asText(), m.get("accountId").asText(), m.get("cardNumber").asText(),
                    ward == null ? SummaryReport.NO_WARD : ward));
        }
        Tally t = new Tally();
        Random random = new Random(20261122);
        LocalDate today = LocalDate.now(LONDON);
        List<String> approvedEntries = new ArrayList<>();
        List<Long> approvedMinutes = new ArrayList<>();
        List<String[]> approvedKeys = new ArrayList<>();

        for (int step = 0; step < 90; step++) {
            Member m = members.get(random.nextInt(members.size()));
            long balance = t.balances.getOrDefault(m.id(), 0L);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    String category = random.nextBoolean() ? "shopping" : "gardening";
                    String organisation = organisations.get(random.nextInt(2));
                    LocalDate date = today.minusDays(random.nextInt(20));
                    long minutes = 10 + random.nextInt(230);
                    if (t.dayMinutes.getOrDefault(m.id() + date, 0L) + minutes > 1440) {
                        continue;
                    }
                    t.dayMinutes.merge(m.id() + date, minutes, Long::sum);
                    String id = admin.post("/v1/schemes/" + code + "/activities", object("memberId", m.id(),
                            "organisationId", organisation, "date", date.toString(), "minutes", minutes,
                            "categoryCode", category), "Idempotency-Key", newKey()).field("id");
                    if (random.nextInt(10) == 0) {
                        expect(admin.post("/v1/activities/" + id + "/rejection", object("reason", "not ours")), 200);
                        t.dayMinutes.merge(m.id() + date, -minutes, Long::sum);
                        continue;
                    }
                    Api.Reply approved = admin.post("/v1/activities/" + id + "/approval", null, "Idempotency-Key", newKey());
                    expect(approved, 200);
                    approvedEntries.add(approved.field("entryId"));
                    approvedMinutes.add(minutes);
                    approvedKeys.add(new String[]{m.id(), category, organisation, m.ward()});
                    t.issued += minutes;
                    t.earned += minutes;
                    t.balances.merge(m.id(), minutes, Long::sum);
                }
                case 3 -> {
                    if (balance < 2) {
                        continue;
                    }
                    long amount = 1 + random.nextInt((int) Math.min(balance - 1, 120));
                    Member to = members.get(random.nextInt(members.size()));
                    if (to.id().equals(m.id())) {
                        continue;
                    }
                    expect(transfer(code, m.accountId(), to.accountId(), amount, "GIFT"), 201);
                    t.given += amount;
                    t.balances.merge(m.id(), -amount, Long::sum);
                    t.balances.merge(to.id(), amount, Long::sum);
                }
                case 4 -> {
                    if (balance >= 30 && random.nextBoolean()) {
                        expect(transfer(code, m.accountId(), scheme.get("communityPotAccountId").asText(), 30, "DONATION"), 201);
                        t.donated += 30;
                        t.pot += 30;
                        t.balances.merge(m.id(), -30L, Long::sum);
                    } else if (t.pot >= 20) {
                        expect(admin.post("/v1/schemes/" + code + "/grants", object("memberId", m.id(), "amountMinutes", 20),
                                "Idempotency-Key", newKey()), 201);
                        t.granted += 20;
                        t.pot -= 20;
                        t.balances.merge(m.id(), 20L, Long::sum);
                    }
                }
                default -> {
                    if (balance < 60) {
                        continue;
                    }
                    int p = random.nextInt(2);
                    Api.Reply redeemed = tills.get(p).post("/v1/redemptions", object("cardNumber", m.card(),
                            "amountMinutes", 60, "tillReference", "gen", "capture", true), "Idempotency-Key", newKey());
                    expect(redeemed, 201);
                    t.redeemed += 60;
                    t.byPartner.computeIfAbsent(partners.get(p), k -> new long[3])[0] += 60;
                    t.balances.merge(m.id(), -60L, Long::sum);
                    if (random.nextInt(3) == 0) {
                        expect(tills.get(p).post("/v1/redemptions/" + redeemed.field("id") + "/refunds",
                                object("amountMinutes", 15, "reason", "late"), "Idempotency-Key", newKey()), 201);
                        t.refunded += 15;
                        t.byPartner.get(partners.get(p))[1] += 15;
                        t.balances.merge(m.id(), 15L, Long::sum);
                    }
                }
            }
        }
        List<Recorded> recorded = exchanges(code, members, t, random, today);
        // a correction: the first approval's EARN entry reversed (if its member still holds the credits)
        for (int i = 0; i < approvedEntries.size(); i++) {
            String member = approvedKeys.get(i)[0];
            long minutes = approvedMinutes.get(i);
            if (t.balances.getOrDefault(member, 0L) >= minutes) {
                expect(admin.post("/v1/entries/" + approvedEntries.get(i) + "/reversal", object("reason", "logged twice"),
                        "Idempotency-Key", newKey()), 201);
                t.reversed += minutes;
                t.retired += minutes;
                t.balances.merge(member, -minutes, Long::sum);
                approvedKeys.set(i, null);
                break;
            }
        }
        for (int i = 0; i < approvedKeys.size(); i++) {
            String[] k = approvedKeys.get(i);
            if (k == null) {
                continue;
            }
            long minutes = approvedMinutes.get(i);
            t.volunteered += minutes;
            t.activities++;
            t.volunteers.add(k[0]);
            long[] c = t.byCategory.computeIfAbsent(k[1], x -> new long[2]);
            c[0] += minutes;
            c[1]++;
            long[] o = t.byOrganisation.computeIfAbsent(k[2], x -> new long[2]);
            o[0] += minutes;
            o[1]++;
            t.volunteersByOrganisation.computeIfAbsent(k[2], x -> new HashSet<>()).add(k[0]);
            t.byWard.merge(k[3], minutes, Long::sum);
        }
        long partnerBalance = balance(partnerAccounts.get(0));
        if (partnerBalance > 0) {
            expect(admin.post("/v1/partners/" + partners.get(0) + "/settlements", object("upTo", java.time.Instant.now().toString()),
                    "Idempotency-Key", newKey()), 201);
            t.settled = partnerBalance;
            t.retired += partnerBalance;
            t.byPartner.get(partners.get(0))[2] = partnerBalance;
        }

        for (Recorded x : recorded) {
            if (!x.reversed() && !x.date().isBefore(today.minusDays(30))) {
                t.minutesExchanged += x.minutes();
                t.exchanges++;
                t.payers.add(x.payer().id());
                t.helpers.add(x.helper().id());
                t.exchangesByCategory.computeIfAbsent(x.category(), k -> new Exchanged()).add(x.payer(), x.helper(), x.minutes());
                t.exchangesByWard.computeIfAbsent(x.helper().ward(), k -> new Exchanged()).add(x.payer(), x.helper(), x.minutes());
            }
        }

        JsonNode s = staff(code, "AUDITOR").get("/v1/schemes/" + code + "/reports/summary?from=" + today.minusDays(30)
                + "&to=" + today).json();

        assertThat(t.activities).as("the generator did some volunteering").isGreaterThan(10);
        assertThat(s.get("minutesVolunteered").asLong()).isEqualTo(t.volunteered);
        assertThat(s.get("approvedActivities").asLong()).isEqualTo(t.activities);
        assertThat(s.get("activeVolunteers").asLong()).isEqualTo(t.volunteers.size());
        assertThat(s.get("newMembers").asLong()).isEqualTo(members.size());
        assertThat(t.exchanges).as("the generator exchanged some help").isGreaterThan(10);
        assertThat(s.get("minutesExchanged").asLong()).isEqualTo(t.minutesExchanged);
        assertThat(s.get("exchanges").asLong()).isEqualTo(t.exchanges);
        assertThat(s.get("exchangePayers").asLong()).isEqualTo(t.payers.size());
        assertThat(s.get("exchangeHelpers").asLong()).isEqualTo(t.helpers.size());
        Set<String> gaveHelp = new HashSet<>(t.volunteers);
        gaveHelp.addAll(t.helpers);
        assertThat(s.get("activeMembers").asLong()).as("volunteers and helpers, each once").isEqualTo(gaveHelp.size())
                .isLessThan(t.volunteers.size() + t.helpers.size());
        JsonNode c = s.get("credits");
        assertThat(c.get("issued").asLong()).isEqualTo(t.issued);
        assertThat(c.get("retired").asLong()).isEqualTo(t.retired);
        assertThat(c.get("earned").asLong()).isEqualTo(t.earned);
        assertThat(c.get("given").asLong()).isEqualTo(t.given);
        assertThat(c.get("donated").asLong()).isEqualTo(t.donated);
        assertThat(c.get("granted").asLong()).isEqualTo(t.granted);
        assertThat(c.get("redeemed").asLong()).isEqualTo(t.redeemed);
        assertThat(c.get("refunded").asLong()).isEqualTo(t.refunded);
        assertThat(c.get("settled").asLong()).isEqualTo(t.settled);
        assertThat(c.get("reversed").asLong()).isEqualTo(t.reversed);
        assertThat(c.get("exchanged").asLong()).as("entries posted in the period, whatever the date of the help")
                .isEqualTo(t.exchangedPosted).isGreaterThan(t.minutesExchanged);
        JsonNode o = s.get("outstanding");
        assertThat(o.get("members").asLong()).isEqualTo(t.balances.values().stream().mapToLong(Long::longValue).sum());
        assertThat(o.get("communityPot").asLong()).isEqualTo(t.pot);
        assertThat(o.get("total").asLong()).isEqualTo(t.issued - t.retired);
        assertThat(s.get("identity").get("holds").asBoolean()).isTrue();
        assertThat(s.get("identity").get("issuedToDate").asLong() - s.get("identity").get("retiredToDate").asLong())
                .isEqualTo(o.get("total").asLong());
        for (JsonNode row : s.get("byCategory")) {
            long[] expected = t.byCategory.getOrDefault(row.get("code").asText(), new long[2]);
            assertThat(row.get("minutesVolunteered").asLong()).isEqualTo(expected[0]);
            assertThat(row.get("activities").asLong()).isEqualTo(expected[1]);
            assertExchanged(row, t.exchangesByCategory.get(row.get("code").asText()));
        }
        for (JsonNode row : s.get("byOrganisation")) {
            long[] expected = t.byOrganisation.getOrDefault(row.get("id").asText(), new long[2]);
            assertThat(row.get("minutesVolunteered").asLong()).isEqualTo(expected[0]);
            assertThat(row.get("volunteers").asLong())
                    .isEqualTo(t.volunteersByOrganisation.getOrDefault(row.get("id").asText(), Set.of()).size());
        }
        for (JsonNode row : s.get("byPartner")) {
            long[] expected = t.byPartner.getOrDefault(row.get("id").asText(), new long[3]);
            assertThat(new long[]{row.get("redeemedMinutes").asLong(), row.get("refundedMinutes").asLong(),
                    row.get("settledMinutes").asLong()}).isEqualTo(expected);
        }
        for (JsonNode row : s.get("byWard")) {
            assertThat(row.get("minutesVolunteered").asLong()).as(row.get("ward").asText())
                    .isEqualTo(t.byWard.getOrDefault(row.get("ward").asText(), 0L));
            assertExchanged(row, t.exchangesByWard.get(row.get("ward").asText()));
        }
        assertThat(s.get("byWard")).extracting(r -> r.get("ward").asText()).containsAll(t.exchangesByWard.keySet());

        // a coordinator sees their own organisation's row; CSV carries the same figures
        Api coordinator = staff(code, "COORDINATOR", organisations.get(0));
        JsonNode mine = coordinator.get("/v1/schemes/" + code + "/reports/summary").json();
        assertThat(mine.get("byOrganisation")).extracting(r -> r.get("id").asText()).containsExactly(organisations.get(0));
        Api.Reply csv = admin.get("/v1/schemes/" + code + "/reports/summary?format=csv&from=" + today.minusDays(30) + "&to=" + today);
        JsonNode lifetime = admin.get("/v1/schemes/" + code + "/reports/summary").json();
        assertThat(lifetime.get("minutesVolunteered").asLong()).as("by default, from the earliest activity")
                .isEqualTo(t.volunteered);
        LocalDate earliestExchange = recorded.stream().map(Recorded::date).min(LocalDate::compareTo).orElseThrow();
        assertThat(lifetime.get("from").asText()).as("or the earliest exchange, back-dated before the scheme began")
                .isEqualTo(earliestExchange.toString());
        long standing = recorded.stream().filter(x -> !x.reversed()).mapToLong(Recorded::minutes).sum();
        assertThat(lifetime.get("minutesExchanged").asLong()).isEqualTo(standing);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body()).contains("minutesVolunteered," + s.get("minutesVolunteered").asLong())
                .contains("identityHolds,true").contains("ward,minutesVolunteered,volunteers,newMembers")
                .contains("minutesExchanged," + t.minutesExchanged + "\r\n").contains("activeMembers," + gaveHelp.size() + "\r\n")
                .contains("category,name,minutesVolunteered,activities,volunteers,minutesExchanged,exchanges,payers,helpers\r\n")
                .contains("ward,minutesVolunteered,volunteers,newMembers,minutesExchanged,exchanges,payers,helpers\r\n");
        JsonNode shopping = s.get("byCategory").get(1);
        assertThat(shopping.get("code").asText()).isEqualTo("shopping");
        assertThat(csv.body()).contains("shopping,\"shopping\"," + shopping.get("minutesVolunteered").asLong() + ","
                + shopping.get("activities").asLong() + "," + shopping.get("volunteers").asLong() + ","
                + shopping.get("minutesExchanged").asLong() + "," + shopping.get("exchanges").asLong() + ","
                + shopping.get("payers").asLong() + "," + shopping.get("helpers").asLong() + "\r\n");
    }

    /**
     * Exchanges recorded by an administrator for members: help given in the last 20 days, and a
     * few older ones (dated before the report's period, recorded in it), then the newest
     * exchange reversed. Payers pay from their balances; no helper goes over 24 hours in a day.
     */
    private List<Recorded> exchanges(String code, List<Member> members, Tally t, Random random, LocalDate today) {
        List<Recorded> recorded = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            Member payer = members.get(random.nextInt(members.size()));
            Member helper = members.get(random.nextInt(members.size()));
            long minutes = 15 + random.nextInt(106);
            LocalDate date = step % 10 == 9 ? today.minusDays(35 + random.nextInt(10)) : today.minusDays(random.nextInt(20));
            if (payer.equals(helper) || t.balances.getOrDefault(payer.id(), 0L) < minutes
                    || t.dayMinutes.getOrDefault(helper.id() + date, 0L) + minutes > 1440) {
                continue;
            }
            String category = random.nextBoolean() ? "shopping" : "gardening";
            Api.Reply exchange = admin.post("/v1/schemes/" + code + "/exchanges", object("fromMemberId", payer.id(),
                    "toMemberId", helper.id(), "minutes", minutes, "categoryCode", category, "date", date.toString(),
                    "description", "help at home"), "Idempotency-Key", newKey());
            expect(exchange, 201);
            recorded.add(new Recorded(exchange.field("entryId"), payer, helper, category, date, minutes, false));
            t.exchangedPosted += minutes;
            t.dayMinutes.merge(helper.id() + date, minutes, Long::sum);
            t.balances.merge(payer.id(), -minutes, Long::sum);
            t.balances.merge(helper.id(), minutes, Long::sum);
        }
        Recorded last = recorded.get(recorded.size() - 1);
        if (t.balances.getOrDefault(last.helper().id(), 0L) >= last.minutes()) {
            expect(admin.post("/v1/entries/" + last.entryId() + "/reversal", object("reason", "recorded for the wrong member"),
                    "Idempotency-Key", newKey()), 201);
            t.reversed += last.minutes();
            t.balances.merge(last.helper().id(), -last.minutes(), Long::sum);
            t.balances.merge(last.payer().id(), last.minutes(), Long::sum);
            recorded.set(recorded.size() - 1, new Recorded(last.entryId(), last.payer(), last.helper(), last.category(),
                    last.date(), last.minutes(), true));
        }
        return recorded;
    }

    private static void assertExchanged(JsonNode row, Exchanged expected) {
        Exchanged e = expected == null ? new Exchanged() : expected;
        String name = row.has("code") ? row.get("code").asText() : row.get("ward").asText();
        assertThat(row.get("minutesExchanged").asLong()).as(name).isEqualTo(e.minutes);
        assertThat(row.get("exchanges").asLong()).as(name).isEqualTo(e.exchanges);
        assertThat(row.get("payers").asLong()).as(name).isEqualTo(e.payers.size());
        assertThat(row.get("helpers").asLong()).as(name).isEqualTo(e.helpers.size());
    }

    @Test
    void aPeriodCountsOnlyWhatHappenedInItAndBadPeriodsAreRefused() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 90);
        LocalDate today = LocalDate.now(LONDON);

        JsonNode yesterday = admin.get("/v1/schemes/" + code + "/reports/summary?from=" + today.minusDays(1) + "&to="
                + today.minusDays(1)).json();

        assertThat(yesterday.get("credits").get("issued").asLong()).isZero();
        assertThat(yesterday.get("newMembers").asLong()).isZero();
        assertThat(yesterday.get("outstanding").get("total").asLong()).isZero();
        assertThat(admin.get("/v1/schemes/" + code + "/reports/summary").json().get("outstanding").get("members").asLong())
                .isEqualTo(90);
        try (java.sql.Connection c = sql(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE account SET balance_minutes = balance_minutes + 1 WHERE id = ?")) {
            ps.setString(1, ada.get("accountId").asText());
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        JsonNode tampered = admin.get("/v1/schemes/" + code + "/reports/summary").json().get("identity");
        assertThat(tampered.get("storedBalances").asLong()).isEqualTo(91);
        assertThat(tampered.get("holds").asBoolean()).as("a balance edited behind the ledger's back").isFalse();
        assertThat(yesterday.get("identity").has("storedBalances")).as("only for a period running to today").isFalse();
        assertThat(admin.get("/v1/schemes/" + code + "/reports/summary?from=" + today + "&to=" + today.minusDays(1)).status())
                .isEqualTo(400);
        assertThat(admin.get("/v1/schemes/" + code + "/reports/summary?from=31/03/2026").status()).isEqualTo(400);
    }

    @Test
    void membersWhoLeftAndAreNotBackCountAsInactive() {
        JsonNode scheme = createScheme();
        String code = scheme.get("code").asText();
        String ada = registerMember(code, "Ada").get("id").asText();
        String bob = registerMember(code, "Bob").get("id").asText();
        String cy = registerMember(code, "Cy").get("id").asText();
        registerMember(code, "Dee");
        LocalDate today = LocalDate.now(LONDON);
        for (String member : List.of(ada, bob, cy)) {
            expect(admin.post("/v1/members/" + member + "/deactivation", object("reason", "Moved away")), 200);
        }
        expect(admin.post("/v1/members/" + bob + "/reactivation", null), 200);
        expect(admin.send("DELETE", "/v1/members/" + cy + "/personal-data", null, "Idempotency-Key", newKey()), 200);

        JsonNode now = admin.get("/v1/schemes/" + code + "/reports/summary").json();
        assertThat(now.get("inactiveMembers").asLong()).as("Ada left; Bob came back; Cy's data was erased").isEqualTo(1);
        assertThat(now.get("newMembers").asLong()).as("who left still joined in the period").isEqualTo(4);
        JsonNode yesterday = admin.get("/v1/schemes/" + code + "/reports/summary?from=" + today.minusDays(1) + "&to="
                + today.minusDays(1)).json();
        assertThat(yesterday.get("inactiveMembers").asLong()).as("nobody had left by yesterday's end").isZero();
        assertThat(admin.get("/v1/schemes/" + code + "/reports/summary?format=csv").body()).contains("inactiveMembers,1");
    }

    @Test
    void aCoordinatorsSummaryHasNoPartnersTakingsWhileAdministratorsAndAuditorsSeeThem() {
        JsonNode scheme = createScheme("holdMinutes", 15);
        String code = scheme.get("code").asText();
        String organisation = admin.post("/v1/schemes/" + code + "/organisations", object("name", "Lunch club")).field("id");
        Api.Reply partner = admin.post("/v1/schemes/" + code + "/partners", object("name", "Oasis Leisure Centre"));
        expect(partner, 201);
        String partnerId = partner.field("id");
        JsonNode ada = registerMember(code, "Ada");
        issue(scheme, ada.get("accountId").asText(), 120);
        expect(till(partnerId).post("/v1/redemptions", object("cardNumber", ada.get("cardNumber").asText(),
                "amountMinutes", 45, "tillReference", "lane-1", "capture", true), "Idempotency-Key", newKey()), 201);
        String path = "/v1/schemes/" + code + "/reports/summary";

        for (Api reader : List.of(admin, staff(code, "ADMIN"), staff(code, "AUDITOR"))) {
            JsonNode summary = reader.get(path).json();
            assertThat(summary.get("byPartner")).extracting(r -> r.get("id").asText() + " " + r.get("redeemedMinutes").asLong())
                    .containsExactly(partnerId + " 45");
            assertThat(reader.get(path + "?format=csv").body()).contains(partnerId + ",\"Oasis Leisure Centre\",45,0,0");
        }
        Api coordinator = staff(code, "COORDINATOR", organisation);
        JsonNode theirs = coordinator.get(path).json();
        assertThat(theirs.get("byPartner")).as("partners' takings are for administrators and auditors").isEmpty();
        assertThat(theirs.get("credits").get("redeemed").asLong()).as("the scheme's total stays").isEqualTo(45);
        assertThat(coordinator.get(path + "?format=csv").body()).doesNotContain(partnerId).doesNotContain("Oasis")
                .contains("\r\npartnerId,partner,redeemedMinutes,refundedMinutes,settledMinutes\r\n\r\nward,");
    }
}

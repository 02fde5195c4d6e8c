package org.timeledger.bench;

import org.timeledger.bench.Api.Credentials;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeds the scheme the scenarios run in, through the API as any client would: members who have
 * logged in and hold credits earned in two attendance registers, an organisation to earn at,
 * and partners with a till key each.
 */
final class Seeder {
    static final String SCHEME = "bench";
    /** The same, with ISSUANCE spread over {@link #SPREAD} accounts: where earning is measured a second time. */
    static final String SPREAD_SCHEME = "bench-spread";
    static final int SPREAD = 16;
    static final String CATEGORY = "general";
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** Each member starts with this: two registers of ten hours, well inside the daily limit. */
    static final long SEEDED_MINUTES_EACH = 1200;

    record Member(String id, String accountId, String cardNumber, String token) {
    }

    /** A scheme to earn in: its organisation and its members (only their ids are used). */
    record Earning(String schemeCode, String organisationId, List<Member> members) {
    }

    record Fixture(String adminToken, Earning single, Earning spread, List<Member> members, List<String> tillKeys) {
    }

    private final Api api;

    Seeder(Api api) {
        this.api = api;
    }

    Fixture seed(String adminPassword, int memberCount, int partnerCount) throws Exception {
        String admin = Api.field(api.post("/login", Api.json("username", "admin", "password", adminPassword),
                Credentials.NONE, null).body(), "access_token");
        Credentials as = Credentials.token(admin);
        String organisation = scheme(as, SCHEME, 1);
        List<Member> members = members(as, memberCount, SCHEME, true);
        String spreadOrganisation = scheme(as, SPREAD_SCHEME, SPREAD);
        Earning spread = new Earning(SPREAD_SCHEME, spreadOrganisation, members(as, memberCount, SPREAD_SCHEME, false));
        for (int daysAgo = 3; daysAgo >= 2; daysAgo--) {
            earnForAll(as, organisation, members, LocalDate.now(ZONE).minusDays(daysAgo), SEEDED_MINUTES_EACH / 2);
        }
        List<String> tills = new ArrayList<>();
        for (int p = 0; p < partnerCount; p++) {
            String partner = Api.field(api.created("/v1/schemes/" + SCHEME + "/partners",
                    Api.json("name", "Venue " + (p + 1)), as), "id");
            tills.add(Api.field(api.created("/v1/partners/" + partner + "/api-keys", Api.json("label", "till"), as), "key"));
        }
        return new Fixture(admin, new Earning(SCHEME, organisation, members), spread, members, tills);
    }

    /** A scheme with a category and an organisation; returns the organisation's id. */
    private String scheme(Credentials as, String code, int issuanceAccounts) throws Exception {
        api.created("/v1/schemes", "{\"code\":\"" + code + "\",\"name\":\"Benchmark timebank\",\"issuanceAccounts\":"
                + issuanceAccounts + "}", as);
        api.created("/v1/schemes/" + code + "/categories", Api.json("code", CATEGORY, "name", "General help"), as);
        return Api.field(api.created("/v1/schemes/" + code + "/organisations", Api.json("name", "Bench Community Centre"), as), "id");
    }

    /** Registers members, and each activates a login and logs in: a few at a time, as sign-up days go. */
    private List<Member> members(Credentials as, int count, String scheme, boolean logIn) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Member>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> member(as, n, scheme, logIn)));
            }
            List<Member> members = new ArrayList<>(count);
            for (Future<Member> f : futures) {
                members.add(f.get());
            }
            return members;
        } finally {
            pool.shutdownNow();
        }
    }

    private Member member(Credentials as, int n, String scheme, boolean logIn) throws Exception {
        String reply = api.created("/v1/schemes/" + scheme + "/members", Api.json("displayName", "Member " + n,
                "ward", "Ward " + (n % 8)), as);
        if (!logIn) {
            return new Member(Api.field(reply, "id"), Api.field(reply, "accountId"), Api.field(reply, "cardNumber"), null);
        }
        String token = api.activateAndLogIn(reply, String.format("member%05d", n), "bench-password-" + n);
        return new Member(Api.field(reply, "id"), Api.field(reply, "accountId"), Api.field(reply, "cardNumber"), token);
    }

    /** Approved registers of up to 1,000 members each (the register's limit). */
    private void earnForAll(Credentials as, String organisation, List<Member> members, LocalDate date, long minutes)
            throws Exception {
        for (int from = 0; from < members.size(); from += 1000) {
            List<Member> part = members.subList(from, Math.min(members.size(), from + 1000));
            api.created("/v1/schemes/" + SCHEME + "/activities/register", register(organisation, date, minutes, part), as);
        }
    }

    static String register(String organisation, LocalDate date, long minutes, List<Member> members) {
        StringBuilder ids = new StringBuilder();
        for (Member m : members) {
            ids.append(ids.length() == 0 ? "\"" : ",\"").append(m.id()).append('"');
        }
        return "{\"organisationId\":\"" + organisation + "\",\"date\":\"" + date + "\",\"minutes\":" + minutes
                + ",\"categoryCode\":\"" + CATEGORY + "\",\"approve\":true,\"memberIds\":[" + ids + "]}";
    }
}

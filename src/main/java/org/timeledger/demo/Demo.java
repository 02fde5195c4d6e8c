package org.timeledger.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a running Timeledger with a realistic year of a timebank, through its own API (so
 * every credit goes through the ledger's checks): about 150 members in eight wards, 12
 * organisations, 6 partners with offers, some 2,500 hours volunteered in attendance registers
 * across the year; members helping each other as in a Castlehaven-style timebank (see
 * {@link TimebankYear}: a year of exchanges, some paid by the member helped, some asked for
 * and confirmed or declined, most recorded by the coordinator; offers and requests with
 * responses and matches); redemptions at the tills, gifts, donations, grants, refunds, a few
 * corrections and two settlements. The same seed gives the same scheme.
 *
 * <pre>java -cp target/timeledger.jar org.timeledger.demo.Demo http://localhost:8080 ADMIN_PASSWORD [SEED]</pre>
 */
public final class Demo {
    static final String CODE = "brixton-timebank";
    static final String[] WARDS = {"Brixton Hill", "Coldharbour", "Herne Hill", "Stockwell", "Tulse Hill", "Vassall",
            "Ferndale", "Larkhall"};
    static final String[] FIRST = {"Ada", "Bola", "Chidi", "Dora", "Ellis", "Fatima", "Grace", "Hamza", "Ivy", "Jamal",
            "Kemi", "Liam", "Maya", "Nadia", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tunde", "Uma", "Vik", "Wendy", "Yusuf"};
    static final String[] LAST = {"Adeyemi", "Brown", "Campbell", "Da Silva", "Evans", "Francis", "Gordon", "Hussain",
            "Ibrahim", "Jones", "Kowalski", "Lewis", "Mensah", "Nowak", "Okafor", "Patel", "Reid", "Smith", "Thomas", "Walker"};
    static final String[][] CATEGORIES = {{"befriending", "Befriending older neighbours", "true"}, {"shopping", "Shopping", "false"},
            {"gardening", "Gardening", "false"}, {"cooking", "Cooking and lunch clubs", "false"}, {"library", "Library helpers", "false"},
            {"transport", "Lifts to appointments", "true"}, {"digital", "Digital help", "false"}};
    static final String[][] ORGANISATIONS = {{"Brixton Lunch Club", "Coldharbour"}, {"Herne Hill Gardeners", "Herne Hill"},
            {"Stockwell Library Friends", "Stockwell"}, {"Tulse Hill Befrienders", "Tulse Hill"}, {"Vassall Community Kitchen", "Vassall"},
            {"Larkhall Youth Club", "Larkhall"}, {"Ferndale Digital Drop-in", "Ferndale"}, {"Brixton Hill Good Neighbours", "Brixton Hill"},
            {"Windrush Square Market Helpers", "Coldharbour"}, {"Stockwell Park Estate TRA", "Stockwell"},
            {"Lambeth Carers' Hub", "Vassall"}, {"Railton Road Repair Café", "Herne Hill"}};
    static final String[][] PARTNERS = {{"Brixton Recreation Centre", "Coldharbour", "Swim session", "60"},
            {"Ritzy Cinema", "Coldharbour", "Film ticket", "120"}, {"Pop Brixton Café", "Coldharbour", "Coffee and cake", "30"},
            {"Electric Avenue Grocer", "Coldharbour", "Groceries voucher", "60"}, {"Herne Hill Books", "Herne Hill", "Book token", "60"},
            {"Lambeth Council", "Brixton Hill", "Council tax discount", "600"}};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Random random;
    private String token;

    private Demo(String base, long seed) {
        this.base = base;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Demo BASE_URL ADMIN_PASSWORD [SEED]");
            System.exit(2);
        }
        new Demo(args[0], args.length > 2 ? Long.parseLong(args[2]) : 2026).run(args[1]);
    }

    record Member(String id, String accountId, String card, String ward) {
    }

    private void run(String password) throws Exception {
        long started = System.nanoTime();
        token = field(send("POST", "/login", json("username", "admin", "password", password), null, null), "access_token");
        // members' floors stay at zero, but an administrator may let a member go up to 20 hours into debt
        String scheme = send("POST", "/v1/schemes", "{\"code\":\"" + CODE + "\",\"name\":\"Brixton Timebank\","
                + "\"backdateDays\":366,\"timeZone\":\"Europe/London\",\"lowestMemberFloorMinutes\":-1200}", null, null);
        String issuance = field(scheme, "issuanceAccountId");
        for (String[] c : CATEGORIES) {
            send("POST", "/v1/schemes/" + CODE + "/categories", "{\"code\":\"" + c[0] + "\",\"name\":\"" + c[1]
                    + "\",\"requiresVetting\":" + c[2] + "}", null, null);
        }
        List<String> organisations = new ArrayList<>();
        for (String[] o : ORGANISATIONS) {
            organisations.add(field(send("POST", "/v1/schemes/" + CODE + "/organisations", json("name", o[0], "ward", o[1]), null, null), "id"));
        }
        send("POST", "/v1/schemes/" + CODE + "/staff", "{\"username\":\"coordinator\",\"password\":\"coordinator-password\","
                + "\"role\":\"COORDINATOR\",\"organisationIds\":[\"" + organisations.get(0) + "\",\"" + organisations.get(3) + "\"]}", null, null);
        send("POST", "/v1/schemes/" + CODE + "/staff", json("username", "auditor", "password", "auditor-password", "role", "AUDITOR"), null, null);

        List<String> tills = new ArrayList<>();
        List<String> offers = new ArrayList<>();
        List<String> partnerIds = new ArrayList<>();
        for (String[] p : PARTNERS) {
            String partner = field(send("POST", "/v1/schemes/" + CODE + "/partners", json("name", p[0], "ward", p[1]), null, null), "id");
            partnerIds.add(partner);
            tills.add(field(send("POST", "/v1/partners/" + partner + "/api-keys", json("label", "front desk"), null, null), "key"));
            offers.add(field(send("POST", "/v1/partners/" + partner + "/offers", "{\"title\":\"" + p[2] + "\",\"amountMinutes\":"
                    + p[3] + "}", null, null), "id"));
        }

        List<Member> members = new ArrayList<>();
        List<String> activationCodes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            String ward = WARDS[random.nextInt(WARDS.length)];
            String reply = send("POST", "/v1/schemes/" + CODE + "/members", json("displayName", name, "ward", ward), null, null);
            members.add(new Member(field(reply, "id"), field(reply, "accountId"), field(reply, "cardNumber"), ward));
            if (i < TimebankYear.ONLINE) {
                activationCodes.add(field(reply, "activationCode"));
            }
        }
        Future<TimebankYear.SignedIn> signedIn = TimebankYear.signIn(this, activationCodes);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        Set<String> cleared = new HashSet<>();
        for (Member m : members) {
            if (random.nextInt(10) < 4) {
                send("PUT", "/v1/members/" + m.id() + "/vetting", json("status", "CLEARED", "checkedOn",
                        today.minusDays(366).toString()), null, null);
                cleared.add(m.id());
            }
        }

        // volunteering: a session of each organisation every nine days or so, with its register
        Map<String, Long> balances = new HashMap<>();
        Map<String, Boolean> busy = new HashMap<>();
        long minutesVolunteered = 0;
        int sessions = 0;
        for (int day = 364; day >= 0; day--) {
            LocalDate date = today.minusDays(day);
            for (int o = 0; o < organisations.size(); o++) {
                if (random.nextInt(9) != 0) {
                    continue;
                }
                String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                long minutes = 60 + 30L * random.nextInt(5);
                List<String> attending = new ArrayList<>();
                for (int k = 0; k < 3 + random.nextInt(4); k++) {
                    Member m = members.get(random.nextInt(members.size()));
                    if (busy.putIfAbsent(m.id() + date, true) == null) {
                        attending.add(m.id());
                    }
                }
                String body = "{\"organisationId\":\"" + organisations.get(o) + "\",\"date\":\"" + date + "\",\"minutes\":"
                        + minutes + ",\"categoryCode\":\"" + category[0] + "\",\"description\":\"" + ORGANISATIONS[o][0]
                        + " session\",\"approve\":true,\"memberIds\":[" + String.join(",", attending.stream().map(a -> "\"" + a + "\"").toList()) + "]}";
                HttpResponse<String> reply = request("POST", "/v1/schemes/" + CODE + "/activities/register", body, newKey(), null);
                if (reply.statusCode() == 201) {
                    sessions++;
                    minutesVolunteered += minutes * attending.size();
                    attending.forEach(a -> balances.merge(a, minutes, Long::sum));
                }
            }
        }

        TimebankYear.Done timebank = new TimebankYear(this, signedIn.get(), random, members, cleared, balances, today).run();

        // spending at the tills, gifts, donations, grants, refunds and corrections
        int redemptions = 0;
        List<Captured> captured = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            Member m = members.get(random.nextInt(members.size()));
            int p = random.nextInt(PARTNERS.length);
            long price = Long.parseLong(PARTNERS[p][3]);
            if (balances.getOrDefault(m.id(), 0L) < price) {
                continue;
            }
            HttpResponse<String> reply = request("POST", "/v1/redemptions", "{\"cardNumber\":\"" + m.card() + "\",\"offerId\":\""
                    + offers.get(p) + "\",\"tillReference\":\"demo-" + i + "\",\"capture\":true}", newKey(), tills.get(p));
            if (reply.statusCode() == 201) {
                redemptions++;
                balances.merge(m.id(), -price, Long::sum);
                captured.add(new Captured(field(reply.body(), "id"), tills.get(p)));
            }
        }
        for (int i = 0; i < 15 && i < captured.size(); i++) {
            Captured c = captured.get(random.nextInt(captured.size()));
            request("POST", "/v1/redemptions/" + c.redemptionId() + "/refunds", "{\"amountMinutes\":15,\"reason\":\"closed early\"}",
                    newKey(), c.tillKey());
        }
        String pot = field(scheme, "communityPotAccountId");
        List<String> gifts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Member from = members.get(random.nextInt(members.size()));
            Member to = members.get(random.nextInt(members.size()));
            long amount = 30L * (1 + random.nextInt(4));
            if (from == to || balances.getOrDefault(from.id(), 0L) < amount) {
                continue;
            }
            boolean donate = random.nextInt(4) == 0;
            HttpResponse<String> reply = request("POST", "/v1/schemes/" + CODE + "/transfers", "{\"fromAccountId\":\"" + from.accountId()
                    + "\",\"toAccountId\":\"" + (donate ? pot : to.accountId()) + "\",\"amountMinutes\":" + amount + ",\"type\":\""
                    + (donate ? "DONATION" : "GIFT") + "\",\"memo\":\"" + (donate ? "for the community pot" : "thank you") + "\"}", newKey(), null);
            if (reply.statusCode() == 201) {
                balances.merge(from.id(), -amount, Long::sum);
                if (!donate) {
                    balances.merge(to.id(), amount, Long::sum);
                    gifts.add(field(reply.body(), "id"));
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            Member m = members.get(random.nextInt(members.size()));
            request("POST", "/v1/schemes/" + CODE + "/grants", "{\"memberId\":\"" + m.id() + "\",\"amountMinutes\":60,"
                    + "\"memo\":\"help from the pot\"}", newKey(), null);
        }
        for (int i = 0; i < 3 && i < gifts.size(); i++) {
            request("POST", "/v1/entries/" + gifts.get(i) + "/reversal", "{\"reason\":\"recorded twice\"}", newKey(), null);
        }
        for (int p = 0; p < 2; p++) {
            request("POST", "/v1/partners/" + partnerIds.get(p) + "/settlements", "{\"upTo\":\""
                    + java.time.Instant.now().toString() + "\"}", newKey(), null);
        }
        String reconciliation = send("GET", "/v1/schemes/" + CODE + "/reconciliation", null, null, null);
        System.out.printf("Seeded scheme %s in %.1f s: 150 members, %d organisations, %d partners, %d sessions "
                        + "(%,d hours volunteered), %s, %d redemptions; reconciliation balanced: %s%n", CODE,
                (System.nanoTime() - started) / 1e9, organisations.size(), PARTNERS.length, sessions, minutesVolunteered / 60,
                timebank, redemptions, reconciliation.contains("\"balanced\":true"));
        // for the console's web till ("Start a till" on the sign-in page)
        System.out.printf("Till key of %s: %s%n", PARTNERS[0][0], tills.get(0));
        if (issuance.isEmpty()) {
            throw new IllegalStateException("no issuance account");
        }
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    String send(String method, String path, String body, String key, String apiKey) throws IOException, InterruptedException {
        return sendAs(token, method, path, body, key, apiKey);
    }

    /** A request that must succeed, sent with a bearer token of its own (a member's, the coordinator's). */
    String sendAs(String bearer, String method, String path, String body, String key, String apiKey)
            throws IOException, InterruptedException {
        HttpResponse<String> reply = requestAs(bearer, method, path, body, key, apiKey);
        if (reply.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }

    HttpResponse<String> request(String method, String path, String body, String key, String apiKey)
            throws IOException, InterruptedException {
        return requestAs(token, method, path, body, key, apiKey);
    }

    HttpResponse<String> requestAs(String bearer, String method, String path, String body, String key, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        } else if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON object of string fields (the names and values here need no escaping). */
    static String json(String... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(keysAndValues[i]).append("\":\"").append(keysAndValues[i + 1]).append('"');
        }
        return out.append('}').toString();
    }

    /** A top-level string field of a flat JSON answer. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /** A redemption captured at a till, and the key of that till, which may refund it. */
    private record Captured(String redemptionId, String tillKey) {
    }
}

package org.timeledger.demo;

import org.timeledger.demo.Demo.Member;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The demo scheme's members helping each other for a year, as in a Castlehaven-style timebank,
 * through the timebank's routes: most exchanges recorded by the coordinator for members who are
 * not online, some paid by the member who was helped from their phone, some asked for by the
 * helper and confirmed (a few declined) by the payer; a few members allowed into debt; offers
 * and requests posted, answered, matched by the coordinator, settled and closed. Kinds of help
 * that need vetting (befriending, lifts) are given by cleared members only.
 */
final class TimebankYear {
    /**
     * Members who use the app: the first is {@code member}, then {@code member2} to {@code member8}.
     * Few, since each costs two bcrypt hashes (activation and login), a third of a second each.
     */
    static final int ONLINE = 8;
    static final String PASSWORD = "member-password";
    /** A kind of help, whether it needs vetting, then what members write about it. */
    static final String[][] HELP = {
            {"shopping", "false", "Weekly shop at the market", "Picked up a prescription and some groceries", "Big shop at Tesco"},
            {"transport", "true", "Lift to the GP surgery", "Lift to King's College Hospital and back", "Drove to the garden centre"},
            {"gardening", "false", "Weeding and mowing the back garden", "Pruned the roses", "Cleared leaves from the front path"},
            {"befriending", "true", "Afternoon tea and a chat", "A walk round Brockwell Park", "Phone call and a visit"},
            {"cooking", "false", "Batch cooking for the week", "Made soup for the freezer", "Cooked Sunday lunch"},
            {"digital", "false", "Set up video calls with family", "Helped with an online form", "Sorted out a new phone"}};
    static final long[] MINUTES = {30, 60, 60, 60, 90, 90, 120, 180};
    static final String[] DECLINED = {"I think that was the lift last Tuesday, already paid", "We agreed an hour, not two",
            "That was a favour between friends"};
    static final String[][] OFFERS = {{"I can help with the weekly shop", "Happy to shop for a neighbour on Fridays."},
            {"Lifts to appointments on weekday mornings", "I have a car and a clean licence; hospital runs welcome."},
            {"Happy to mow and weed", "I have my own tools and enjoy an afternoon outside."},
            {"A friendly chat over tea", "I am retired and would love some company now and then."},
            {"Batch cooking for neighbours", "I cook Caribbean and vegetarian dishes, enough for the freezer."},
            {"Help with phones and tablets", "Patient help with video calls, email and online forms."}};
    static final String[][] REQUESTS = {{"Someone to do my shopping on Fridays", "I cannot carry heavy bags since my operation."},
            {"A lift to King's College Hospital", "Outpatient appointment, about two hours with waiting."},
            {"Help to tidy my garden before winter", "Small garden, mostly leaves and overgrown hedges."},
            {"A visit now and then, I live alone", "A cup of tea and a chat once a week would mean a lot."},
            {"Help cooking for my dad", "He is 84 and needs simple meals he can heat up."},
            {"Video calls with my grandchildren", "They live in Lagos; I would like to see them on my tablet."}};

    /** What the year did, for the demo's last line. */
    record Done(int exchanges, long minutes, int reversed, int asked, int declined, int listings, int responses, int matches,
                int closed) {
        @Override
        public String toString() {
            return String.format("%,d exchanges (%,d hours; %d reversed), %d payment requests (%d declined), "
                    + "%d offers and requests (%d responses, %d matches, %d closed)", exchanges, minutes / 60, reversed,
                    asked, declined, listings, responses, matches, closed);
        }
    }

    /** An exchange the year recorded, which a correction may reverse. */
    private record Recorded(String entryId, Member payer, Member helper, long minutes) {
    }

    private final Demo demo;
    private final Random random;
    private final List<Member> members;
    private final Set<String> cleared;
    private final Map<String, Long> balances;
    private final LocalDate today;
    /** The bearer tokens of the members who use the app, in the order of members. */
    private final List<String> tokens;
    /** Members an administrator let go below zero: their floor. */
    private final Map<String, Long> floors = new HashMap<>();
    private final String coordinator;
    private int exchanges;
    private long minutes;
    private int reversed;
    private int asked;
    private int declined;

    TimebankYear(Demo demo, SignedIn signedIn, Random random, List<Member> members, Set<String> cleared,
                 Map<String, Long> balances, LocalDate today) {
        this.demo = demo;
        this.tokens = signedIn.members();
        this.coordinator = signedIn.coordinator();
        this.random = random;
        this.members = members;
        this.cleared = cleared;
        this.balances = balances;
        this.today = today;
    }

    Done run() throws Exception {
        limits();
        List<Recorded> byCoordinator = new ArrayList<>();
        for (int day = 364; day >= 0; day--) {
            LocalDate date = today.minusDays(day);
            for (int k = random.nextInt(6); k > 0; k--) {
                exchange(date, byCoordinator);
            }
        }
        corrections(byCoordinator);
        requestsLeftOpen();
        Listings listings = new Listings();
        listings.run();
        return new Done(exchanges, minutes, reversed, asked, declined, listings.posted, listings.responses, listings.matches,
                listings.closed);
    }

    /** The bearer tokens of the app's members, in the order of their activation codes, and the coordinator's. */
    record SignedIn(List<String> members, String coordinator) {
    }

    /**
     * The app's members activate their logins and sign in, and so does the coordinator: in the
     * background, while the year's volunteering is seeded, since bcrypt makes each take a while.
     */
    static Future<SignedIn> signIn(Demo demo, List<String> activationCodes) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<SignedIn> signedIn = pool.submit(() -> {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < activationCodes.size(); i++) {
                String username = i == 0 ? "member" : "member" + (i + 1);
                demo.sendAs(null, "POST", "/v1/activation", Demo.json("code", activationCodes.get(i), "username", username,
                        "password", PASSWORD), null, null);
                tokens.add(login(demo, username, PASSWORD));
            }
            return new SignedIn(tokens, login(demo, "coordinator", "coordinator-password"));
        });
        pool.shutdown();
        return signedIn;
    }

    private static String login(Demo demo, String username, String password) throws IOException, InterruptedException {
        return Demo.field(demo.sendAs(null, "POST", "/login", Demo.json("username", username, "password", password), null, null),
                "access_token");
    }

    /** Mutual credit: six newcomers may receive up to ten hours of help before they have given any. */
    private void limits() throws IOException, InterruptedException {
        for (Member m : members.subList(ONLINE, ONLINE + 6)) {
            demo.send("PUT", "/v1/members/" + m.id() + "/limits", body("floorMinutes", -600L, "reason",
                    "New to the timebank: may receive up to ten hours of help before giving"), null, null);
            floors.put(m.id(), -600L);
        }
    }

    /**
     * One exchange on the date: between two members of the app by a payment request (three in
     * ten), paid by a payer who uses the app (two in ten), or recorded by the coordinator (for a
     * helper who uses the app two in ten, so that those members earn about what they pay).
     */
    private void exchange(LocalDate date, List<Recorded> byCoordinator) throws IOException, InterruptedException {
        String[] help = HELP[random.nextInt(HELP.length)];
        long amount = MINUTES[random.nextInt(MINUTES.length)];
        int way = random.nextInt(10);
        int payerIndex = way < 5 ? random.nextInt(ONLINE) : random.nextInt(members.size());
        int helperIndex = way < 3 || way == 5 || way == 6 ? random.nextInt(ONLINE) : random.nextInt(members.size());
        Member payer = members.get(payerIndex);
        Member helper = members.get(helperIndex);
        if (payer.equals(helper) || !canPay(payer, amount) || (Boolean.parseBoolean(help[1]) && !cleared.contains(helper.id()))) {
            return;
        }
        String description = help[2 + random.nextInt(help.length - 2)];
        String entryId;
        if (way < 3) {
            entryId = askAndAnswer(tokens.get(helperIndex), tokens.get(payerIndex), payer, help[0], amount, date, description);
        } else if (way < 5) {
            entryId = paid(demo.requestAs(tokens.get(payerIndex), "POST", "/v1/me/exchanges", body("toMemberId", helper.id(),
                    "minutes", amount, "categoryCode", help[0], "date", date.toString(), "description", description),
                    Demo.newKey(), null));
        } else {
            entryId = paid(recordForMembers(payer, helper, help[0], amount, date, description, null));
            if (entryId != null) {
                byCoordinator.add(new Recorded(entryId, payer, helper, amount));
            }
        }
        if (entryId != null) {
            exchanges++;
            minutes += amount;
            balances.merge(payer.id(), -amount, Long::sum);
            balances.merge(helper.id(), amount, Long::sum);
        }
    }

    private HttpResponse<String> recordForMembers(Member payer, Member helper, String category, long amount, LocalDate date,
                                                  String description, String listingId)
            throws IOException, InterruptedException {
        return demo.requestAs(coordinator, "POST", "/v1/schemes/" + Demo.CODE + "/exchanges", body("fromMemberId", payer.id(),
                "toMemberId", helper.id(), "minutes", amount, "categoryCode", category, "date", date.toString(),
                "description", description, "listingId", listingId), Demo.newKey(), null);
    }

    /** The helper asks to be paid; the payer confirms, or now and then declines. The entry's id, or null. */
    private String askAndAnswer(String helperToken, String payerToken, Member payer, String category, long amount,
                                LocalDate date, String description) throws IOException, InterruptedException {
        String request = ask(helperToken, payer, category, amount, date, description);
        if (request == null) {
            return null;
        }
        if (random.nextInt(10) == 0) {
            demo.sendAs(payerToken, "POST", "/v1/payment-requests/" + request + "/decline",
                    body("reason", DECLINED[random.nextInt(DECLINED.length)]), null, null);
            declined++;
            return null;
        }
        return paid(demo.requestAs(payerToken, "POST", "/v1/payment-requests/" + request + "/confirmation", null,
                Demo.newKey(), null));
    }

    private String ask(String helperToken, Member payer, String category, long amount, LocalDate date, String description)
            throws IOException, InterruptedException {
        HttpResponse<String> reply = demo.requestAs(helperToken, "POST", "/v1/me/payment-requests", body("fromMemberId",
                payer.id(), "minutes", amount, "categoryCode", category, "date", date.toString(), "description", description),
                null, null);
        if (reply.statusCode() != 201) {
            return null;
        }
        asked++;
        return Demo.field(reply.body(), "id");
    }

    /** The EXCHANGE entry's id of an answer that paid, or null if it was refused (a full day, say). */
    private static String paid(HttpResponse<String> reply) {
        return reply.statusCode() == 201 || reply.statusCode() == 200 ? Demo.field(reply.body(), "entryId") : null;
    }

    private boolean canPay(Member payer, long amount) {
        return balances.getOrDefault(payer.id(), 0L) - amount >= floors.getOrDefault(payer.id(), 0L);
    }

    /** Three exchanges the coordinator recorded twice are reversed (while their helper still holds the credits). */
    private void corrections(List<Recorded> byCoordinator) throws IOException, InterruptedException {
        for (int i = 0; i < byCoordinator.size() && reversed < 3; i += 97) {
            Recorded x = byCoordinator.get(i);
            if (!canPay(x.helper(), x.minutes())) {
                continue;
            }
            demo.send("POST", "/v1/entries/" + x.entryId() + "/reversal", Demo.json("reason", "recorded twice"),
                    Demo.newKey(), null);
            reversed++;
            exchanges--;
            minutes -= x.minutes();
            balances.merge(x.helper().id(), -x.minutes(), Long::sum);
            balances.merge(x.payer().id(), x.minutes(), Long::sum);
        }
    }

    /** For the console: two requests waiting for {@code member} to answer, one of theirs waiting, one cancelled. */
    private void requestsLeftOpen() throws IOException, InterruptedException {
        Member member = members.get(0);
        // shopping and gardening, which need no vetting
        for (int i = 1; i <= 2; i++) {
            String[] help = HELP[2 * (i - 1)];
            ask(tokens.get(i), member, help[0], 60L * i, today.minusDays(i), help[2]);
        }
        ask(tokens.get(0), members.get(3), "shopping", 90, today.minusDays(1), "Big shop at Tesco");
        String cancelled = ask(tokens.get(4), members.get(5), "cooking", 60, today.minusDays(2), "Made soup for the freezer");
        if (cancelled != null) {
            demo.sendAs(tokens.get(4), "POST", "/v1/payment-requests/" + cancelled + "/cancellation", null, null, null);
        }
    }

    /**
     * Offers and requests on the notice board: posted by members of the app themselves and by
     * the coordinator for others, answered by members of the app, some matched by the
     * coordinator, a few of those settled by an exchange that names the listing and closed.
     */
    private final class Listings {
        int posted;
        int responses;
        int matches;
        int closed;

        record Listing(String id, boolean offer, String[] help, int owner, List<Integer> responders) {
        }

        void run() throws IOException, InterruptedException {
            List<Listing> board = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                board.add(post(i));
            }
            for (Listing listing : board) {
                respond(listing);
            }
            for (int i = 0; i < board.size(); i += 3) {
                Listing listing = board.get(i);
                Integer other = match(listing);
                if (other != null && i % 2 == 0) {
                    settle(listing, other);
                }
            }
            for (int i = 1; i < board.size(); i += 11) {
                close(board.get(i));
            }
        }

        private Listing post(int i) throws IOException, InterruptedException {
            boolean offer = i % 2 == 0;
            int kind = random.nextInt(HELP.length);
            String[] text = (offer ? OFFERS : REQUESTS)[kind];
            // an offer of help that needs vetting comes from a cleared member
            int owner = random.nextInt(members.size());
            while (offer && Boolean.parseBoolean(HELP[kind][1]) && !cleared.contains(members.get(owner).id())) {
                owner = random.nextInt(members.size());
            }
            Member m = members.get(owner);
            String expiresOn = i % 7 == 3 ? today.plusDays(7 + random.nextInt(21)).toString() : null;
            boolean ownPhone = owner < ONLINE;
            String listing = Demo.field(demo.sendAs(ownPhone ? tokens.get(owner) : coordinator, "POST",
                    "/v1/schemes/" + Demo.CODE + "/listings", body("kind", offer ? "OFFER" : "REQUEST", "categoryCode",
                            HELP[kind][0], "title", text[0], "description", text[1], "ward", m.ward(), "expiresOn", expiresOn,
                            "memberId", ownPhone ? null : m.id()), null, null), "id");
            posted++;
            return new Listing(listing, offer, HELP[kind], owner, new ArrayList<>());
        }

        /** Up to three members of the app answer: "I can help" to a request, "I would like this" to an offer. */
        private void respond(Listing listing) throws IOException, InterruptedException {
            for (int k = random.nextInt(4); k > 0; k--) {
                int responder = random.nextInt(ONLINE);
                if (responder == listing.owner() || listing.responders().contains(responder)) {
                    continue;
                }
                demo.sendAs(tokens.get(responder), "POST", "/v1/listings/" + listing.id() + "/responses",
                        body("message", listing.offer() ? "I would like this, please. Any weekday suits me."
                                : "I can help with this. I am free most afternoons."), null, null);
                listing.responders().add(responder);
                responses++;
            }
        }

        /**
         * The coordinator matches the owner with someone: for a request, the helper (a responder,
         * else a member they know, cleared when the help needs it); for an offer, the member helped.
         */
        private Integer match(Listing listing) throws IOException, InterruptedException {
            boolean vetting = Boolean.parseBoolean(listing.help()[1]);
            List<Integer> candidates = new ArrayList<>(listing.responders());
            candidates.add(random.nextInt(members.size()));
            for (int other : candidates) {
                boolean helps = !listing.offer();
                if (other == listing.owner() || (helps && vetting && !cleared.contains(members.get(other).id()))) {
                    continue;
                }
                demo.sendAs(coordinator, "POST", "/v1/listings/" + listing.id() + "/matches",
                        body("memberId", members.get(other).id()), null, null);
                matches++;
                return other;
            }
            return null;
        }

        /** The help was given in the last fortnight: the coordinator records it against the listing, and closes it. */
        private void settle(Listing listing, int other) throws IOException, InterruptedException {
            Member owner = members.get(listing.owner());
            Member matched = members.get(other);
            Member helper = listing.offer() ? owner : matched;
            Member payer = listing.offer() ? matched : owner;
            long amount = MINUTES[random.nextInt(MINUTES.length)];
            if (!canPay(payer, amount)) {
                return;
            }
            String entryId = paid(recordForMembers(payer, helper, listing.help()[0], amount,
                    today.minusDays(random.nextInt(14)), listing.help()[2], listing.id()));
            if (entryId != null) {
                exchanges++;
                minutes += amount;
                balances.merge(payer.id(), -amount, Long::sum);
                balances.merge(helper.id(), amount, Long::sum);
                close(listing);
            }
        }

        /** Closed by its owner if they use the app, else by the coordinator. */
        private void close(Listing listing) throws IOException, InterruptedException {
            String bearer = listing.owner() < ONLINE ? tokens.get(listing.owner()) : coordinator;
            HttpResponse<String> reply = demo.requestAs(bearer, "POST", "/v1/listings/" + listing.id() + "/closure", null,
                    null, null);
            if (reply.statusCode() == 200) {
                closed++;
            }
        }
    }

    /** A JSON object: strings quoted (these need no escaping), numbers as they are, nulls left out. */
    static String body(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null) {
                continue;
            }
            out.append(out.length() == 1 ? "" : ",").append('"').append(keysAndValues[i]).append("\":");
            out.append(value instanceof Number ? value.toString() : "\"" + value + "\"");
        }
        return out.append('}').toString();
    }
}

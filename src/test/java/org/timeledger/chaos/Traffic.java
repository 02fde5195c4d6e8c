package org.timeledger.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.timeledger.bench.Api;
import org.timeledger.bench.Api.Credentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients: each picks random credit-moving requests among the members (gifts, exchanges,
 * donations, till holds, captures, voids and refunds), each under an Idempotency-Key of its
 * own, and sends it until the service answers it, with the same key every time, switching
 * instance when one does not answer. What was acknowledged is kept here for the checks.
 */
final class Traffic {
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a client keeps retrying one request before the run counts it as never answered. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    record Member(String id, String accountId, String cardNumber, String token) {
    }

    /** A hold a till placed and the service acknowledged. */
    record Held(String redemptionId, int till, long amountMinutes) {
    }

    /** A capture the service acknowledged: what may still be refunded of it. */
    static final class Captured {
        final String redemptionId;
        final int till;
        final AtomicLong refundableMinutes;

        Captured(String redemptionId, int till, long capturedMinutes) {
            this.redemptionId = redemptionId;
            this.till = till;
            this.refundableMinutes = new AtomicLong(capturedMinutes);
        }
    }

    record Setup(String schemeCode, String adminToken, String organisationId, List<Member> members, List<String> tillKeys) {
    }

    private final Setup setup;
    private final Fleet fleet;
    private final RequestLog log;
    private final AtomicBoolean stopping;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Entry id to the Idempotency-Key whose answer named it: every entry the clients were told of. */
    final Map<String, String> acknowledgedEntries = new ConcurrentHashMap<>();
    /** Redemption ids of acknowledged holds. */
    final Set<String> acknowledgedHolds = ConcurrentHashMap.newKeySet();
    /** Per redemption, the keys of the captures and voids the service acknowledged. */
    final Map<String, List<String>> resolutions = new ConcurrentHashMap<>();
    /** Requests still unanswered when their client gave up. */
    final List<String> neverAnswered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Held> open = new ArrayList<>();
    private final List<Captured> captured = new ArrayList<>();

    Traffic(Setup setup, Fleet fleet, RequestLog log, AtomicBoolean stopping) {
        this.setup = setup;
        this.fleet = fleet;
        this.log = log;
        this.stopping = stopping;
    }

    /** One client's loop, until the run is stopping; its last request is still sent until answered. */
    void client(int client, long seed) {
        Random random = new Random(seed);
        try {
            loop(client, random);
        } catch (RuntimeException e) {
            // a client that stopped on something unexpected would otherwise leave its request unanswered unseen
            neverAnswered.add("client " + client + " stopped: " + e);
            throw e;
        }
    }

    private void loop(int client, Random random) {
        while (!stopping.get()) {
            int roll = random.nextInt(100);
            try {
                if (roll < 28) {
                    gift(client, random);
                } else if (roll < 43) {
                    exchange(client, random);
                } else if (roll < 50) {
                    donation(client, random);
                } else if (roll < 72) {
                    hold(client, random);
                } else if (roll < 86) {
                    capture(client, random);
                } else if (roll < 93) {
                    voidHold(client, random);
                } else {
                    refund(client, random);
                }
            } catch (InterruptedException e) {
                neverAnswered.add("client " + client + " was interrupted waiting for an answer");
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void gift(int client, Random random) throws InterruptedException {
        Member from = member(random);
        Member to = other(random, from);
        Answer a = call(client, "gift", "/v1/me/gifts", Credentials.token(from.token()),
                "{\"toMemberId\":\"" + to.id() + "\",\"amountMinutes\":" + (1 + random.nextInt(120)) + ",\"memo\":\"chaos\"}");
        a.entry("id");
    }

    private void exchange(int client, Random random) throws InterruptedException {
        Member from = member(random);
        Member to = other(random, from);
        Answer a = call(client, "exchange", "/v1/schemes/" + setup.schemeCode() + "/transfers",
                Credentials.token(setup.adminToken()), "{\"type\":\"EXCHANGE\",\"fromAccountId\":\"" + from.accountId()
                        + "\",\"toAccountId\":\"" + to.accountId() + "\",\"amountMinutes\":" + (1 + random.nextInt(120)) + "}");
        a.entry("id");
    }

    private void donation(int client, Random random) throws InterruptedException {
        Member from = member(random);
        String to = random.nextBoolean() ? "\"toOrganisationId\":\"" + setup.organisationId() + "\"" : "\"toCommunityPot\":true";
        Answer a = call(client, "donation", "/v1/me/donations", Credentials.token(from.token()),
                "{" + to + ",\"amountMinutes\":" + (1 + random.nextInt(30)) + "}");
        a.entry("id");
    }

    private void hold(int client, Random random) throws InterruptedException {
        Member member = member(random);
        int till = random.nextInt(setup.tillKeys().size());
        long amount = 10 + random.nextInt(80);
        Answer a = call(client, "hold", "/v1/redemptions", Credentials.till(setup.tillKeys().get(till)),
                "{\"cardNumber\":\"" + member.cardNumber() + "\",\"amountMinutes\":" + amount
                        + ",\"tillReference\":\"chaos-" + client + "\"}");
        if (a.status() == 201) {
            String id = a.json().get("id").asText();
            acknowledgedHolds.add(id);
            synchronized (open) {
                open.add(new Held(id, till, amount));
            }
        }
    }

    private void capture(int client, Random random) throws InterruptedException {
        Held held = pickOpen(random);
        if (held == null) {
            return;
        }
        // sometimes part of the hold: the rest is released
        String body = random.nextInt(3) == 0 ? "{\"amountMinutes\":" + (1 + random.nextInt((int) held.amountMinutes())) + "}" : "{}";
        Answer a = call(client, "capture", "/v1/redemptions/" + held.redemptionId() + "/capture",
                Credentials.till(setup.tillKeys().get(held.till())), body);
        if (a.status() == 200) {
            resolved(held, a.key());
            a.entry("entryId");
            synchronized (captured) {
                captured.add(new Captured(held.redemptionId(), held.till(), a.json().get("capturedMinutes").asLong()));
            }
        } else if (a.status() == 409) {
            closed(held);
        }
    }

    private void voidHold(int client, Random random) throws InterruptedException {
        Held held = pickOpen(random);
        if (held == null) {
            return;
        }
        Answer a = call(client, "void", "/v1/redemptions/" + held.redemptionId() + "/void",
                Credentials.till(setup.tillKeys().get(held.till())), "{}");
        if (a.status() == 200) {
            resolved(held, a.key());
        } else if (a.status() == 409) {
            closed(held);
        }
    }

    private void refund(int client, Random random) throws InterruptedException {
        Captured c;
        synchronized (captured) {
            if (captured.isEmpty()) {
                return;
            }
            c = captured.get(random.nextInt(captured.size()));
        }
        long left = c.refundableMinutes.get();
        if (left <= 0) {
            return;
        }
        long amount = 1 + random.nextInt((int) Math.min(left, 30));
        Answer a = call(client, "refund", "/v1/redemptions/" + c.redemptionId + "/refunds",
                Credentials.till(setup.tillKeys().get(c.till)), "{\"amountMinutes\":" + amount + ",\"reason\":\"chaos refund\"}");
        if (a.status() == 201) {
            c.refundableMinutes.addAndGet(-amount);
            a.entry("entryId");
        }
    }

    private void resolved(Held held, String key) {
        resolutions.computeIfAbsent(held.redemptionId(), r -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(key);
        closed(held);
    }

    private void closed(Held held) {
        synchronized (open) {
            open.remove(held);
        }
    }

    /** Any open hold, left in the list: two clients may race to resolve the same one, as two tills could. */
    private Held pickOpen(Random random) {
        synchronized (open) {
            return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
        }
    }

    private Member member(Random random) {
        return setup.members().get(random.nextInt(setup.members().size()));
    }

    private Member other(Random random, Member not) {
        Member m;
        do {
            m = member(random);
        } while (m == not);
        return m;
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.min(10, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The final answer to one request: its status and body. */
    final class Answer {
        private final String key;
        private final int status;
        private final String body;

        Answer(String key, int status, String body) {
            this.key = key;
            this.status = status;
            this.body = body;
        }

        String key() {
            return key;
        }

        int status() {
            return status;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        /** Records the entry a 2xx answer names in {@code field}. */
        void entry(String field) {
            if (status / 100 == 2) {
                String id = json().get(field).asText();
                String earlier = acknowledgedEntries.putIfAbsent(id, key);
                if (earlier != null && !earlier.equals(key)) {
                    neverAnswered.add("entry " + id + " acknowledged under two keys: " + earlier + " and " + key);
                }
            }
        }
    }

    /**
     * Sends one POST until the service answers it, always with the same Idempotency-Key. Not an
     * answer: no connection, no reply in time, 502-504, or 409 while the first attempt is still
     * running (on an instance that may since have died). A 500 is an answer, and a defect.
     */
    Answer call(int client, String op, String path, Credentials as, String body) throws InterruptedException {
        String key = Api.newKey();
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; ; attempt++) {
            int instance = (client + attempt - 1) % fleet.size();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fleet.base(instance) + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (as.bearer() != null) {
                request.header("Authorization", "Bearer " + as.bearer());
            }
            if (as.apiKey() != null) {
                request.header("X-API-Key", as.apiKey());
            }
            long pauseMillis = 100;
            try {
                HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = reply.statusCode();
                log.attempt(client, op, key, attempt, instance, status, null);
                boolean inFlight = status == 409 && reply.body().contains("idempotency_key_in_flight");
                if (status >= 502 && status <= 504 || inFlight) {
                    (inFlight ? log.inFlight : log.unavailable).incrementAndGet();
                    pauseMillis = 1000L * reply.headers().firstValue("Retry-After").map(Traffic::seconds).orElse(0L) + 100;
                } else {
                    if (status >= 500) {
                        log.serverError(op + " " + status + " " + reply.body());
                    }
                    boolean replay = reply.headers().firstValue("Idempotent-Replayed").isPresent();
                    log.answered(client, op, key, "POST", path, body, status, reply.body(), replay);
                    return new Answer(key, status, reply.body());
                }
            } catch (IOException e) {
                log.connectionFailures.incrementAndGet();
                log.attempt(client, op, key, attempt, instance, 0, e.getClass().getSimpleName());
            }
            if (System.nanoTime() > giveUp) {
                neverAnswered.add(op + " " + path + " under key " + key);
                log.answered(client, op, key, "POST", path, body, 0, "never answered", false);
                return new Answer(key, 0, "");
            }
            Thread.sleep(pauseMillis);
        }
    }
}

package org.timeledger.bench;

import org.timeledger.bench.Api.Credentials;
import org.timeledger.bench.Load.Action;
import org.timeledger.bench.Load.Outcome;
import org.timeledger.bench.Seeder.Fixture;
import org.timeledger.bench.Seeder.Member;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the benchmark's clients do. Each action is one iteration; every request that moves
 * credits carries a fresh Idempotency-Key, except the replays, which repeat one on purpose.
 */
final class Scenarios {
    private final Api api;
    private final Fixture fixture;
    private final Credentials admin;
    /** Earnings are dated yesterday: inside every rule, and clear of midnight. */
    private final LocalDate earnDate = LocalDate.now(Seeder.ZONE).minusDays(1);

    Scenarios(Api api, Fixture fixture) {
        this.api = api;
        this.fixture = fixture;
        this.admin = Credentials.token(fixture.adminToken());
    }

    /** A route that does no database work: the HTTP ceiling of this generator and this server. */
    Action httpCeiling() {
        return client -> expect(api.get("/health/liveness", Credentials.NONE, null), 1, 0);
    }

    /** A member gives one minute to another, both chosen at random. */
    Action gift() {
        return client -> {
            Member[] pair = pair();
            return expect(api.post("/v1/me/gifts", "{\"toMemberId\":\"" + pair[1].id() + "\",\"amountMinutes\":1}",
                    Credentials.token(pair[0].token()), Api.newKey()), 1, 1);
        };
    }

    /** A coordinator's approved register for {@code size} members at random: every EARN entry debits ISSUANCE. */
    Action earn(int size, boolean spread) {
        Seeder.Earning in = spread ? fixture.spread() : fixture.single();
        return client -> {
            List<Member> members = distinct(in.members(), size);
            return expect(api.post("/v1/schemes/" + in.schemeCode() + "/activities/register",
                    Seeder.register(in.organisationId(), earnDate, 1, members), admin, Api.newKey()), 1, size);
        };
    }

    /** A till holds one minute on a member's card, then captures it. */
    Action till() {
        return client -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Member member = fixture.members().get(random.nextInt(fixture.members().size()));
            Credentials till = Credentials.till(fixture.tillKeys().get(random.nextInt(fixture.tillKeys().size())));
            HttpResponse<String> hold = api.post("/v1/redemptions", "{\"cardNumber\":\"" + member.cardNumber()
                    + "\",\"amountMinutes\":1,\"tillReference\":\"bench\"}", till, Api.newKey());
            if (hold.statusCode() != 201) {
                return Outcome.failed(1, hold.statusCode(), hold.body());
            }
            return expect(api.post("/v1/redemptions/" + Api.field(hold.body(), "id") + "/capture", "{}", till,
                    Api.newKey()), 2, 1);
        };
    }

    /** A gift already made, sent again with its key: the stored answer, marked as replayed. */
    Action replay(int distinctRequests) throws Exception {
        record Sent(Credentials as, String key, String body) {
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < distinctRequests; i++) {
            Member[] pair = pair();
            Sent s = new Sent(Credentials.token(pair[0].token()), Api.newKey(),
                    "{\"toMemberId\":\"" + pair[1].id() + "\",\"amountMinutes\":1}");
            api.post("/v1/me/gifts", s.body(), s.as(), s.key());
            sent.add(s);
        }
        return client -> {
            Sent s = sent.get(ThreadLocalRandom.current().nextInt(sent.size()));
            HttpResponse<String> reply = api.post("/v1/me/gifts", s.body(), s.as(), s.key());
            if (reply.statusCode() == 201 && !"true".equals(reply.headers().firstValue("Idempotent-Replayed").orElse(null))) {
                return Outcome.failed(1, 201, "answered afresh, not replayed");
            }
            return expect(reply, 1, 0);
        };
    }

    /** A member's phone asks for their balance. */
    Action read() {
        return client -> expect(api.get("/v1/me", Credentials.token(randomMember().token()), null), 1, 0);
    }

    /** The same, with the ETag of the last answer: 304 Not Modified while nothing changed. */
    Action readUnchanged() throws Exception {
        Map<String, String> etags = new HashMap<>();
        for (Member m : fixture.members()) {
            etags.put(m.id(), api.get("/v1/me", Credentials.token(m.token()), null).headers().firstValue("ETag").orElseThrow());
        }
        return client -> {
            Member m = randomMember();
            HttpResponse<String> reply = api.get("/v1/me", Credentials.token(m.token()), etags.get(m.id()));
            return reply.statusCode() == 304 ? Outcome.ok(1, 0) : Outcome.failed(1, reply.statusCode(), "not 304");
        };
    }

    private static Outcome expect(HttpResponse<String> reply, int requests, int entries) {
        return reply.statusCode() / 100 == 2 ? Outcome.ok(requests, entries)
                : Outcome.failed(requests, reply.statusCode(), reply.body());
    }

    private Member randomMember() {
        return fixture.members().get(ThreadLocalRandom.current().nextInt(fixture.members().size()));
    }

    private Member[] pair() {
        List<Member> members = fixture.members();
        int from = ThreadLocalRandom.current().nextInt(members.size());
        int to = (from + 1 + ThreadLocalRandom.current().nextInt(members.size() - 1)) % members.size();
        return new Member[]{members.get(from), members.get(to)};
    }

    private static List<Member> distinct(List<Member> members, int size) {
        int start = ThreadLocalRandom.current().nextInt(members.size());
        int step = 1 + ThreadLocalRandom.current().nextInt(Math.max(1, members.size() / Math.max(1, size)));
        List<Member> chosen = new ArrayList<>(size);
        for (int i = 0; i < size && i < members.size(); i++) {
            chosen.add(members.get((start + i * step) % members.size()));
        }
        return chosen;
    }
}

package org.timeledger.ledger;

import org.timeledger.problem.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.MutableHttpResponse;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.timeledger.command.CommandRunner;
import org.timeledger.web.Idempotency;
import org.timeledger.ledger.api.LedgerRequests;
import org.timeledger.ledger.api.LedgerRequests.TransferType;
import org.timeledger.ledger.api.LedgerService;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.ledger.store.LedgerStore;
import org.timeledger.support.Transactions;
import org.timeledger.testing.ServiceTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.ProblemCode;
import org.timeledger.problem.RejectedException;

/**
 * A seeded random walk of 10,000 operations (transfers of every type, reversals, replays with the
 * same key, a key reused for another request, and invalid requests) through the same service
 * path as the HTTP routes, compared after every step with a tiny in-memory model of the books.
 * Set -Dsimulation.seed=N to replay a failure, -Dsimulation.operations=N for a longer walk.
 */
public abstract class LedgerSimulationTests extends ServiceTest {
    static final long SEED = Long.getLong("simulation.seed", 20261122L);
    static final int OPERATIONS = Integer.getInteger("simulation.operations", 10_000);
    static final long MEMBER_FLOOR = -120;

    @Inject
    CommandRunner commands;
    @Inject
    Idempotency idempotency;
    @Inject
    LedgerService service;
    @Inject
    LedgerStore store;
    @Inject
    Transactions transactions;

    private final Random random = new Random(SEED);
    private final Caller caller = new Caller("usr_simulation", Role.ADMIN, null, Set.of(), null, null);
    private String code;
    private String schemeId;
    private String issuance;
    private String pot;
    private String organisation;
    private final List<String> members = new ArrayList<>();

    /** The model: what the books must say. */
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> floors = new HashMap<>();
    private final Map<String, List<Posting>> entries = new HashMap<>();
    private final Set<String> reversals = new HashSet<>();
    private final Set<String> reversed = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Integer> tally = new HashMap<>();

    /** A request that succeeded, to be replayed later. */
    private record Sent(String key, String path, Object body, Supplier<EntryView> effect, String entryId) {
    }

    @Test
    void randomOperationsAgreeWithTheModelAtEveryStep() {
        setUp();
        for (int step = 1; step <= OPERATIONS; step++) {
            int dice = random.nextInt(100);
            try {
                if (dice < 50) {
                    randomTransfer();
                } else if (dice < 65) {
                    randomReversal();
                } else if (dice < 80) {
                    replay();
                } else if (dice < 83) {
                    reuseKey();
                } else {
                    invalidTransfer();
                }
                compareWithModel(step);
            } catch (AssertionError e) {
                throw new AssertionError("step " + step + " (seed " + SEED + "): " + e.getMessage(), e);
            }
        }

        Reconciliation.Report report = service.reconcile(caller, code);
        assertThat(report.balanced()).as(report.mismatches().toString()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(entries.size());
        assertThat(tally.get("transfer")).as("enough successful transfers to mean something").isGreaterThan(2_000);
        assertThat(tally.get("reversal")).isGreaterThan(300);
        assertThat(tally.get("replay")).isGreaterThan(1_000);
        assertThat(tally.get("insufficient_credits")).isGreaterThan(100);
    }

    private void setUp() {
        JsonNode scheme = createScheme("memberFloorMinutes", MEMBER_FLOOR);
        code = scheme.get("code").asText();
        issuance = scheme.get("issuanceAccountId").asText();
        pot = scheme.get("communityPotAccountId").asText();
        organisation = admin.post("/v1/schemes/" + code + "/organisations", org.timeledger.testing.Api.object("name", "Group"))
                .field("accountId");
        for (int i = 0; i < 8; i++) {
            String account = registerMember(code, "Member " + i).get("accountId").asText();
            members.add(account);
            floors.put(account, MEMBER_FLOOR);
        }
        floors.put(pot, 0L);
        floors.put(organisation, 0L);
        for (String account : List.of(issuance, pot, organisation)) {
            balances.put(account, 0L);
        }
        members.forEach(m -> balances.put(m, 0L));
        schemeId = transactions.read(() -> store.findAccount(issuance).orElseThrow().schemeId());
    }

    // ---- operations ----

    private void randomTransfer() {
        TransferType type = TransferType.values()[random.nextInt(TransferType.values().length)];
        String from;
        String to;
        switch (type) {
            case GIFT, EXCHANGE -> {
                from = member();
                to = otherMember(from);
            }
            case DONATION -> {
                from = member();
                to = random.nextBoolean() ? pot : organisation;
            }
            case GRANT -> {
                from = pot;
                to = member();
            }
            default -> {
                boolean issuing = random.nextInt(4) != 0;
                from = issuing ? issuance : member();
                to = issuing ? member() : issuance;
            }
        }
        long amount = 1L + random.nextInt(type == TransferType.ADJUSTMENT ? 600 : 200);
        List<Posting> postings = List.of(new Posting(from, -amount), new Posting(to, amount));
        ProblemCode expected = wouldBreakFloor(postings);
        Outcome outcome = sendTransfer(new LedgerRequests.Transfer(from, to, amount, type, "step"));
        if (expected != null) {
            outcome.expectRejected(expected);
        } else {
            outcome.expectPosted();
            apply(outcome.entryId, postings);
            count("transfer");
        }
    }

    private void randomReversal() {
        if (entries.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(entries.keySet());
        String target = ids.get(random.nextInt(ids.size()));
        List<Posting> negated = entries.get(target).stream()
                .map(p -> new Posting(p.accountId(), -p.amountMinutes())).toList();
        ProblemCode expected = reversals.contains(target) ? Rejection.REVERSAL_NOT_REVERSIBLE
                : reversed.contains(target) ? Rejection.ALREADY_REVERSED
                : wouldBreakFloor(negated);
        LedgerRequests.Reversal body = new LedgerRequests.Reversal("undo " + target);
        String path = "/v1/entries/" + target + "/reversal";
        Outcome outcome = send(UUID.randomUUID().toString(), path, body, () -> service.reverse(caller, target, body));
        if (expected != null) {
            outcome.expectRejected(expected);
        } else {
            outcome.expectPosted();
            apply(outcome.entryId, negated);
            reversals.add(outcome.entryId);
            reversed.add(target);
            count("reversal");
        }
    }

    private void replay() {
        if (sent.isEmpty()) {
            return;
        }
        Sent earlier = sent.get(random.nextInt(sent.size()));
        CommandRunner.Outcome<EntryView> response = call(earlier.key, earlier.path, earlier.body, earlier.effect);
        assertThat(response.replayed()).isTrue();
        assertThat(response.result().id()).as("the same entry, not a new one").isEqualTo(earlier.entryId);
        count("replay");
    }

    private void reuseKey() {
        if (sent.isEmpty()) {
            return;
        }
        Sent earlier = sent.get(random.nextInt(sent.size()));
        String from = member();
        LedgerRequests.Transfer other = new LedgerRequests.Transfer(from, otherMember(from), 1L, TransferType.GIFT, "different");
        String path = "/v1/schemes/" + code + "/transfers";
        new Outcome(() -> call(earlier.key, path, other, () -> service.transfer(caller, code, other)))
                .expectRejected(Refusal.IDEMPOTENCY_KEY_REUSED);
    }

    private void invalidTransfer() {
        String from = member();
        String to = otherMember(from);
        switch (random.nextInt(6)) {
            case 0 -> sendTransfer(new LedgerRequests.Transfer(from, to, 0L, TransferType.GIFT, ""))
                    .expectRejected(Rejection.AMOUNT_MUST_BE_POSITIVE);
            case 1 -> sendTransfer(new LedgerRequests.Transfer(from, to, -1L - random.nextInt(100), TransferType.GIFT, ""))
                    .expectRejected(Rejection.AMOUNT_MUST_BE_POSITIVE);
            case 2 -> sendTransfer(new LedgerRequests.Transfer(from, to, Minutes.MAX_AMOUNT + 1L + random.nextInt(1000),
                    TransferType.GIFT, "")).expectRejected(Rejection.AMOUNT_TOO_LARGE);
            case 3 -> sendTransfer(new LedgerRequests.Transfer(from, from, 5L, TransferType.GIFT, ""))
                    .expectRejected(Rejection.ACCOUNTS_MUST_BE_DIFFERENT);
            case 4 -> sendTransfer(new LedgerRequests.Transfer(from, "acc_" + random.nextInt(), 5L, TransferType.GIFT, ""))
                    .expectRejected(Rejection.ACCOUNT_NOT_FOUND);
            default -> sendTransfer(new LedgerRequests.Transfer(issuance, to, 5L, TransferType.GIFT, ""))
                    .expectRejected(Rejection.TYPE_NOT_ALLOWED_FOR_ACCOUNTS);
        }
        count("invalid");
    }

    // ---- the model ----

    private ProblemCode wouldBreakFloor(List<Posting> postings) {
        for (Posting p : postings) {
            Long floor = floors.get(p.accountId());
            if (p.amountMinutes() < 0 && floor != null && balances.get(p.accountId()) + p.amountMinutes() < floor) {
                count("insufficient_credits");
                return Rejection.INSUFFICIENT_CREDITS;
            }
        }
        return null;
    }

    private void apply(String entryId, List<Posting> postings) {
        assertThat(entries).doesNotContainKey(entryId);
        entries.put(entryId, postings);
        postings.forEach(p -> balances.merge(p.accountId(), p.amountMinutes(), Long::sum));
    }

    private void compareWithModel(int step) {
        Map<String, Long> stored = new HashMap<>();
        transactions.read(() -> store.accountsOfScheme(schemeId)).forEach(a -> stored.put(a.id(), a.balanceMinutes()));
        assertThat(stored).as("balances after step " + step).isEqualTo(balances);
    }

    // ---- sending ----

    private Outcome sendTransfer(LedgerRequests.Transfer body) {
        String path = "/v1/schemes/" + code + "/transfers";
        return send(UUID.randomUUID().toString(), path, body, () -> service.transfer(caller, code, body));
    }

    private Outcome send(String key, String path, Object body, Supplier<EntryView> effect) {
        Outcome outcome = new Outcome(() -> call(key, path, body, effect));
        if (outcome.entryId != null) {
            sent.add(new Sent(key, path, body, effect, outcome.entryId));
        }
        return outcome;
    }

    /** Runs the transfer as the route does, as a command under its Idempotency-Key, with no HTTP request. */
    private CommandRunner.Outcome<EntryView> call(String key, String path, Object body, Supplier<EntryView> effect) {
        return commands.run(new CommandRunner.Command<>(caller.principalId(), key, "POST " + path, body, EntryView.class, 201,
                effect), refused -> idempotency.refusal(null, refused));
    }

    private final class Outcome {
        final String entryId;
        final ProblemCode rejection;

        Outcome(Supplier<CommandRunner.Outcome<EntryView>> call) {
            String id = null;
            ProblemCode refused = null;
            try {
                CommandRunner.Outcome<EntryView> response = call.get();
                assertThat(response.replayed()).isFalse();
                id = response.result().id();
            } catch (RejectedException e) {
                refused = e.rejection();
            }
            this.entryId = id;
            this.rejection = refused;
        }

        void expectPosted() {
            if (rejection != null) {
                fail("expected the entry to be posted, but it was refused: " + rejection);
            }
        }

        void expectRejected(ProblemCode expected) {
            assertThat(rejection).as("rejection").isEqualTo(expected);
        }
    }

    private String member() {
        return members.get(random.nextInt(members.size()));
    }

    private String otherMember(String not) {
        String other;
        do {
            other = member();
        } while (other.equals(not));
        return other;
    }

    private void count(String what) {
        tally.merge(what, 1, Integer::sum);
    }
}

package org.timeledger.ledger;

import org.timeledger.problem.Refusal;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import org.timeledger.access.Activations;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.giving.GivingRequests;
import org.timeledger.giving.GivingService;
import org.timeledger.command.CommandRunner;
import org.timeledger.web.Idempotency;
import org.timeledger.web.Problems;
import org.timeledger.command.ReplayedRefusal;
import org.timeledger.ledger.LedgerSteps.Capture;
import org.timeledger.ledger.LedgerSteps.Donate;
import org.timeledger.ledger.LedgerSteps.Expire;
import org.timeledger.ledger.LedgerSteps.Give;
import org.timeledger.ledger.LedgerSteps.Grant;
import org.timeledger.ledger.LedgerSteps.Invalid;
import org.timeledger.ledger.LedgerSteps.Issue;
import org.timeledger.ledger.LedgerSteps.PlaceHold;
import org.timeledger.ledger.LedgerSteps.Refund;
import org.timeledger.ledger.LedgerSteps.Replay;
import org.timeledger.ledger.LedgerSteps.Retire;
import org.timeledger.ledger.LedgerSteps.ReuseKey;
import org.timeledger.ledger.LedgerSteps.Reverse;
import org.timeledger.ledger.LedgerSteps.Settle;
import org.timeledger.ledger.LedgerSteps.SpendToFloor;
import org.timeledger.ledger.LedgerSteps.StaffTransfer;
import org.timeledger.ledger.LedgerSteps.Step;
import org.timeledger.ledger.LedgerSteps.VoidHold;
import org.timeledger.ledger.api.LedgerRequests;
import org.timeledger.ledger.api.LedgerRequests.TransferType;
import org.timeledger.ledger.api.LedgerService;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.ledger.view.LedgerViews.PostingView;
import org.timeledger.ledger.store.LedgerStore;
import org.timeledger.redemption.HoldSweep;
import org.timeledger.redemption.Redemption;
import org.timeledger.redemption.RedemptionRequests;
import org.timeledger.redemption.RedemptionStore;
import org.timeledger.redemption.RedemptionViews.RedemptionView;
import org.timeledger.redemption.RedemptionViews.RefundView;
import org.timeledger.redemption.RedemptionViews.SettlementView;
import org.timeledger.redemption.Redemptions;
import org.timeledger.redemption.Settlements;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeRequests;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;
import org.timeledger.testing.ServiceContext;
import org.timeledger.testing.TestClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.problem.ProblemCode;
import org.timeledger.problem.RejectedException;

/**
 * One try's books: a fresh scheme in the running service (four members with the scheme's floor,
 * the community pot, an organisation, a partner and its till), and a small in-memory model of
 * what the books must say. {@link #apply} sends a step through the same service methods and
 * Idempotency-Key handling as the HTTP routes, checks the answer against the model (posted with
 * these postings, or refused for this rule), and updates the model; {@link #checkInvariants}
 * then compares everything the database holds for the scheme with the model.
 */
final class LedgerBooks {
    private static final AtomicInteger SCHEMES = new AtomicInteger();
    /** How often each outcome happened over a class's run: to see that the chains reach every rule. */
    static final Map<String, Integer> TALLY = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final Set<EntryType> NOT_REVERSIBLE_HERE = EnumSet.of(EntryType.REDEMPTION, EntryType.REFUND,
            EntryType.SETTLEMENT);

    /** The beans the books use, from one running service, and a scheme the books' requests must never reach into. */
    static final class Service {
        final LedgerService ledgerService;
        final GivingService giving;
        final Redemptions redemptions;
        final Settlements settlements;
        final CommandRunner commands;
        final Idempotency idempotency;
        final SchemeService schemes;
        final Activations activations;
        final PartyService parties;
        final Ledger ledger;
        final LedgerStore store;
        final Reconciliation reconciliation;
        final RedemptionStore redemptionStore;
        final TestClock clock;
        final HoldSweep sweep;
        final Transactions transactions;
        final JsonMapper json;
        final JdbcOperations jdbc;
        final String kind;
        final Outsider outsider;

        Service(ServiceContext context) {
            ledgerService = context.bean(LedgerService.class);
            giving = context.bean(GivingService.class);
            redemptions = context.bean(Redemptions.class);
            settlements = context.bean(Settlements.class);
            commands = context.bean(CommandRunner.class);
            idempotency = context.bean(Idempotency.class);
            schemes = context.bean(SchemeService.class);
            activations = context.bean(Activations.class);
            parties = context.bean(PartyService.class);
            ledger = context.bean(Ledger.class);
            store = context.bean(LedgerStore.class);
            reconciliation = context.bean(Reconciliation.class);
            redemptionStore = context.bean(RedemptionStore.class);
            clock = context.bean(TestClock.class);
            sweep = context.bean(HoldSweep.class);
            transactions = context.bean(Transactions.class);
            json = context.bean(JsonMapper.class);
            jdbc = context.bean(JdbcOperations.class);
            kind = context.database().kind();
            outsider = outsider();
        }

        /** Another scheme, with a member who has credits: what "wrong scheme" requests point at. */
        private Outsider outsider() {
            Scheme scheme = schemes.create(ADMIN, new SchemeRequests.CreateScheme("other-" + kind, "Another scheme", null, null, null,
                    null, null, null, null, null, null));
            Member member = activations.registerMember(ADMIN, scheme, new SchemeRequests.RegisterMember("Outsider", null)).member();
            transactions.write(() -> ledger.move(scheme.id(), EntryType.ADJUSTMENT, scheme.issuanceAccountId(),
                    member.accountId(), 600, "opening", Actor.of(ADMIN.principalId())));
            return new Outsider(scheme.code(), member.id(), member.accountId(), member.cardNumber());
        }
    }

    record Outsider(String code, String memberId, String accountId, String cardNumber) {
    }

    static final Caller ADMIN = new Caller("usr_properties_admin", Role.ADMIN, null, Set.of(), null, null);

    // ---- the scheme ----

    private final Service service;
    private final Scheme scheme;
    private final List<Member> members = new ArrayList<>();
    private final Map<Integer, Caller> memberCallers = new HashMap<>();
    private final String organisationId;
    private final String organisationAccount;
    private final String partnerId;
    private final String partnerAccount;
    private final Caller till;

    // ---- the model ----

    private final Map<String, Long> balances = new TreeMap<>();
    private final Map<String, Long> floors = new HashMap<>();
    private final Map<String, ModelEntry> entries = new LinkedHashMap<>();
    private final Set<String> reversed = new HashSet<>();
    private final Map<String, ModelHold> holds = new LinkedHashMap<>();
    private final List<ModelRedemption> redemptions = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    private record ModelEntry(EntryType type, List<Posting> postings) {
    }

    private static final class ModelHold {
        final String accountId;
        final long amount;
        Hold.Status status = Hold.Status.HELD;

        ModelHold(String accountId, long amount) {
            this.accountId = accountId;
            this.amount = amount;
        }
    }

    private static final class ModelRedemption {
        final String id;
        final String holdId;
        final String accountId;
        final long held;
        Long captured;
        long refunded;

        ModelRedemption(String id, String holdId, String accountId, long held) {
            this.id = id;
            this.holdId = holdId;
            this.accountId = accountId;
            this.held = held;
        }
    }

    /** A request sent with a fresh key, and what it was answered: replays must get the same. */
    private record Sent(Caller caller, String key, String path, Object body, Class<?> type, boolean created,
                        Supplier<?> effect, Result result) {
    }

    /** What a request was answered: a body, or a refusal (fresh, or replayed as stored problem+json). */
    private record Result(Object body, boolean replayed, ProblemCode rejection, Integer replayedStatus, String replayedProblem) {
    }

    LedgerBooks(Service service, long memberFloorMinutes) {
        this.service = service;
        this.scheme = service.schemes.create(ADMIN, new SchemeRequests.CreateScheme("p" + SCHEMES.incrementAndGet() + "-" + service.kind,
                "Property scheme", memberFloorMinutes, null, null, null, null, null, null, null, null));
        for (int i = 0; i < LedgerSteps.MEMBERS; i++) {
            Member member = service.activations.registerMember(ADMIN, scheme,
                    new SchemeRequests.RegisterMember("Member " + i, null)).member();
            members.add(member);
            memberCallers.put(i, new Caller("usr_" + member.id(), Role.MEMBER, scheme.id(), Set.of(), member.id(), null));
            balances.put(member.accountId(), 0L);
            floors.put(member.accountId(), memberFloorMinutes);
        }
        var organisation = service.parties.registerOrganisation(ADMIN, scheme, new SchemeRequests.RegisterParty("Group", null));
        organisationId = organisation.id();
        organisationAccount = organisation.accountId();
        var partner = service.parties.registerPartner(ADMIN, scheme, new SchemeRequests.RegisterParty("Leisure centre", null));
        partnerId = partner.id();
        partnerAccount = partner.accountId();
        till = new Caller("key_" + partnerId, Role.PARTNER, scheme.id(), Set.of(), null, partnerId);
        balances.put(scheme.issuanceAccountId(), 0L);
        for (String account : List.of(scheme.communityPotAccountId(), organisationAccount, partnerAccount)) {
            balances.put(account, 0L);
            floors.put(account, 0L);
        }
    }

    @Override
    public String toString() {
        return "books of scheme " + scheme.code() + " (member floor " + scheme.memberFloorMinutes() + ")";
    }

    // ---- steps ----

    void apply(Step step) {
        trace.add(step.toString());
        // Java 17: no pattern matching in switch yet
        if (step instanceof Issue s) {
            adjustment(issuance(), account(s.member()), s.amount());
        } else if (step instanceof Retire s) {
            adjustment(account(s.member()), issuance(), s.amount());
        } else if (step instanceof StaffTransfer s) {
            staffTransfer(s.type(), account(s.from()), account(s.to()), s.amount());
        } else if (step instanceof Give s) {
            give(s);
        } else if (step instanceof Donate s) {
            donate(s);
        } else if (step instanceof Grant s) {
            grant(s);
        } else if (step instanceof Reverse s) {
            reverse(s);
        } else if (step instanceof PlaceHold s) {
            placeHold(s.member(), s.amount(), s.captureNow());
        } else if (step instanceof Capture s) {
            capture(s);
        } else if (step instanceof VoidHold s) {
            voidHold(s);
        } else if (step instanceof Refund s) {
            refund(s);
        } else if (step instanceof Expire s) {
            expire(s);
        } else if (step instanceof Settle) {
            settle();
        } else if (step instanceof Replay s) {
            replay(s);
        } else if (step instanceof ReuseKey s) {
            reuseKey(s);
        } else if (step instanceof SpendToFloor s) {
            spendToFloor(s);
        } else if (step instanceof Invalid s) {
            invalid(s);
        } else {
            throw new IllegalArgumentException("a step the books do not know: " + step);
        }
    }

    private void adjustment(String from, String to, long amount) {
        staffTransfer(TransferType.ADJUSTMENT, from, to, amount);
    }

    private void staffTransfer(TransferType type, String from, String to, long amount) {
        LedgerRequests.Transfer body = new LedgerRequests.Transfer(from, to, amount, type, "step");
        Result result = fresh(ADMIN, transfersPath(scheme.code()), body, EntryView.class, true,
                () -> service.ledgerService.transfer(ADMIN, scheme.code(), body));
        expectEntry(result, moveRule(from, to, amount), type.entryType(), from, to, amount);
    }

    private void give(Give s) {
        Member to = members.get(s.to());
        GivingRequests.Gift body = new GivingRequests.Gift(s.byCard() ? to.cardNumber() : null, s.byCard() ? null : to.id(),
                s.amount(), "thanks");
        Caller giver = memberCallers.get(s.from());
        Result result = fresh(giver, "/v1/me/gifts", body, EntryView.class, true, () -> service.giving.gift(giver, body));
        expectEntry(result, moveRule(account(s.from()), to.accountId(), s.amount()), EntryType.GIFT, account(s.from()),
                to.accountId(), s.amount());
    }

    private void donate(Donate s) {
        GivingRequests.Donation body = new GivingRequests.Donation(s.toPot() ? null : organisationId, s.toPot() ? true : null,
                s.amount(), null);
        Caller donor = memberCallers.get(s.member());
        String to = s.toPot() ? scheme.communityPotAccountId() : organisationAccount;
        Result result = fresh(donor, "/v1/me/donations", body, EntryView.class, true, () -> service.giving.donate(donor, body));
        expectEntry(result, moveRule(account(s.member()), to, s.amount()), EntryType.DONATION, account(s.member()), to,
                s.amount());
    }

    private void grant(Grant s) {
        GivingRequests.Grant body = new GivingRequests.Grant(members.get(s.member()).id(), s.amount(), null);
        Result result = fresh(ADMIN, "/v1/schemes/" + scheme.code() + "/grants", body, EntryView.class, true,
                () -> service.giving.grant(ADMIN, scheme.code(), body));
        String pot = scheme.communityPotAccountId();
        expectEntry(result, moveRule(pot, account(s.member()), s.amount()), EntryType.GRANT, pot, account(s.member()),
                s.amount());
    }

    private void reverse(Reverse s) {
        if (entries.isEmpty()) {
            trace.add("  nothing to reverse");
            return;
        }
        String target = newest(new ArrayList<>(entries.keySet()), s.pick());
        ModelEntry original = entries.get(target);
        List<Posting> negated = original.postings().stream().map(p -> new Posting(p.accountId(), -p.amountMinutes())).toList();
        ProblemCode expected = NOT_REVERSIBLE_HERE.contains(original.type()) ? Rejection.REVERSAL_NOT_ALLOWED
                : original.type() == EntryType.REVERSAL ? Rejection.REVERSAL_NOT_REVERSIBLE
                : reversed.contains(target) ? Rejection.ALREADY_REVERSED
                : floorRule(negated);
        sendReversal(target, expected, negated);
    }

    private void sendReversal(String target, ProblemCode expected, List<Posting> negated) {
        LedgerRequests.Reversal body = new LedgerRequests.Reversal("undo " + target);
        Result result = fresh(ADMIN, "/v1/entries/" + target + "/reversal", body, EntryView.class, true,
                () -> service.ledgerService.reverse(ADMIN, target, body));
        expect(result, expected, "reversal of " + target);
        if (expected == null) {
            EntryView entry = (EntryView) result.body();
            assertThat(entry.reversesEntryId()).isEqualTo(target);
            posted(entry.id(), EntryType.REVERSAL, negated, entry);
            reversed.add(target);
        }
    }

    private void placeHold(int member, Long amount, boolean captureNow) {
        RedemptionRequests.Hold body = new RedemptionRequests.Hold(members.get(member).cardNumber(), null, null, amount,
                "T-" + (sent.size() + 1), captureNow ? true : null);
        String account = account(member);
        ProblemCode expected = amount == null ? Refusal.VALIDATION_FAILED : amountRule(amount);
        if (expected == null) {
            expected = floorRule(List.of(new Posting(account, -amount)));
        }
        Result result = fresh(till, "/v1/redemptions", body, RedemptionView.class, true,
                () -> service.redemptions.hold(till, body));
        expect(result, expected, "hold of " + amount + " on member " + member);
        if (expected != null) {
            return;
        }
        RedemptionView view = (RedemptionView) result.body();
        String holdId = service.transactions.read(() -> service.redemptionStore.find(view.id()).orElseThrow().holdId());
        ModelHold hold = new ModelHold(account, amount);
        ModelRedemption redemption = new ModelRedemption(view.id(), holdId, account, amount);
        holds.put(holdId, hold);
        redemptions.add(redemption);
        if (captureNow) {
            hold.status = Hold.Status.CAPTURED;
            redemption.captured = amount;
            posted(view.entryId(), EntryType.REDEMPTION, twoPostings(account, partnerAccount, amount), null);
        }
        assertThat(view.status()).isEqualTo(hold.status);
        assertThat(view.availableAfterMinutes()).as("available after the hold").isEqualTo(available(account));
    }

    private void capture(Capture s) {
        if (redemptions.isEmpty()) {
            trace.add("  nothing to capture");
            return;
        }
        ModelRedemption r = newest(redemptions, s.pick());
        ModelHold hold = holds.get(r.holdId);
        long amount = s.amount() == null ? r.held : s.amount();
        ProblemCode expected = amountRule(amount);
        if (expected == null) {
            expected = hold.status == Hold.Status.EXPIRED ? Rejection.HOLD_EXPIRED
                    : hold.status != Hold.Status.HELD ? Rejection.HOLD_NOT_OPEN
                    : amount > r.held ? Rejection.CAPTURE_EXCEEDS_HELD
                    : null;
        }
        if (expected == null && available(r.accountId) + r.held - amount < floors.get(r.accountId)) {
            expected = Rejection.INSUFFICIENT_CREDITS; // cannot happen while holds keep the floor: the model says why not
        }
        RedemptionRequests.Capture body = new RedemptionRequests.Capture(s.amount());
        Result result = fresh(till, "/v1/redemptions/" + r.id + "/capture", body, RedemptionView.class, false,
                () -> service.redemptions.capture(till, r.id, body));
        expect(result, expected, "capture of " + amount + " of " + r.id);
        if (expected == null) {
            hold.status = Hold.Status.CAPTURED;
            r.captured = amount;
            RedemptionView view = (RedemptionView) result.body();
            posted(view.entryId(), EntryType.REDEMPTION, twoPostings(r.accountId, partnerAccount, amount), null);
            assertThat(view.capturedMinutes()).isEqualTo(amount);
        }
    }

    private void voidHold(VoidHold s) {
        if (redemptions.isEmpty()) {
            trace.add("  nothing to void");
            return;
        }
        ModelRedemption r = newest(redemptions, s.pick());
        ModelHold hold = holds.get(r.holdId);
        ProblemCode expected = hold.status == Hold.Status.EXPIRED ? Rejection.HOLD_EXPIRED
                : hold.status != Hold.Status.HELD ? Rejection.HOLD_NOT_OPEN
                : null;
        Result result = fresh(till, "/v1/redemptions/" + r.id + "/void", "", RedemptionView.class, false,
                () -> service.redemptions.voidHold(till, r.id));
        expect(result, expected, "void of " + r.id);
        if (expected == null) {
            hold.status = Hold.Status.VOIDED;
            assertThat(((RedemptionView) result.body()).status()).isEqualTo(Hold.Status.VOIDED);
        }
    }

    private void refund(Refund s) {
        if (redemptions.isEmpty()) {
            trace.add("  nothing to refund");
            return;
        }
        ModelRedemption r = newest(redemptions, s.pick());
        ProblemCode expected = r.captured == null || s.amount() > r.captured - r.refunded ? Refusal.REFUND_EXCEEDS_CAPTURED
                : amountRule(s.amount());
        if (expected == null) {
            expected = floorRule(List.of(new Posting(partnerAccount, -s.amount())));
        }
        RedemptionRequests.Refund body = new RedemptionRequests.Refund(s.amount(), "closed early");
        Result result = fresh(till, "/v1/redemptions/" + r.id + "/refunds", body, RefundView.class, true,
                () -> service.redemptions.refund(till, r.id, body));
        expect(result, expected, "refund of " + s.amount() + " of " + r.id);
        if (expected == null) {
            r.refunded += s.amount();
            RefundView view = (RefundView) result.body();
            posted(view.entryId(), EntryType.REFUND, twoPostings(partnerAccount, r.accountId, s.amount()), null);
            assertThat(view.refundedTotalMinutes()).isEqualTo(r.refunded);
        }
    }

    private void expire(Expire s) {
        service.clock.advance(Duration.ofMinutes(scheme.holdMinutes() + 1L));
        holds.values().stream().filter(h -> h.status == Hold.Status.HELD).forEach(h -> h.status = Hold.Status.EXPIRED);
        if (s.sweep()) {
            service.sweep.sweep();
        }
    }

    private void settle() {
        java.time.Instant upTo = service.clock.instant();
        RedemptionRequests.Settle body = new RedemptionRequests.Settle(upTo);
        long due = balances.get(partnerAccount);
        Result result = fresh(ADMIN, "/v1/partners/" + partnerId + "/settlements", body, SettlementView.class, true,
                () -> service.settlements.settle(ADMIN, partnerId, upTo));
        expect(result, due <= 0 ? Refusal.VALIDATION_FAILED : null, "settlement of " + due);
        if (due > 0) {
            SettlementView view = (SettlementView) result.body();
            assertThat(view.amountMinutes()).as("settled").isEqualTo(due);
            posted(view.entryId(), EntryType.SETTLEMENT, twoPostings(partnerAccount, issuance(), due), null);
        }
    }

    private void replay(Replay s) {
        if (sent.isEmpty()) {
            trace.add("  nothing to replay");
            return;
        }
        Sent earlier = newest(sent, s.pick());
        Result again = send(earlier.caller(), earlier.key(), earlier.path(), earlier.body(), earlier.type(), earlier.created(),
                earlier.effect());
        TALLY.merge("replayed", 1, Integer::sum);
        assertThat(again.replayed()).as("a request sent again with its key is answered as a replay: " + earlier.path()).isTrue();
        if (earlier.result().rejection() != null) {
            ProblemCode refused = earlier.result().rejection();
            assertThat(again.replayedStatus()).as("the refusal replayed").isEqualTo(Problems.status(refused).getCode());
            assertThat(again.replayedProblem()).contains("\"code\":\"" + refused.code() + "\"");
        } else {
            assertThat(json(again.body())).as("the same answer, not a new effect").isEqualTo(json(earlier.result().body()));
        }
    }

    private void reuseKey(ReuseKey s) {
        if (sent.isEmpty()) {
            trace.add("  no key to reuse");
            return;
        }
        Sent earlier = newest(sent, s.pick());
        // another route is another request, whatever the body
        Result result = send(earlier.caller(), earlier.key(), earlier.path() + "/again", earlier.body(), earlier.type(),
                earlier.created(), () -> {
                    throw new AssertionError("a request with a reused key was carried out");
                });
        TALLY.merge("key reused", 1, Integer::sum);
        assertThat(result.rejection()).as("same key, different request").isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
    }

    /** Spends exactly down to the floor: the largest amount that is allowed. */
    private void spendToFloor(SpendToFloor s) {
        String from = account(s.member());
        long amount = available(from) - floors.get(from);
        if (amount > 0) {
            staffTransfer(TransferType.GIFT, from, account((s.member() + 1) % LedgerSteps.MEMBERS), amount);
        }
    }

    private void invalid(Invalid s) {
        String from = account(s.member());
        String to = account((s.member() + 1) % LedgerSteps.MEMBERS);
        String code = scheme.code();
        switch (s.kind()) {
            case ZERO_AMOUNT -> refusedTransfer(code, from, to, 0, TransferType.GIFT, Rejection.AMOUNT_MUST_BE_POSITIVE);
            case NEGATIVE_AMOUNT -> refusedTransfer(code, from, to, -s.amount(), TransferType.GIFT, Rejection.AMOUNT_MUST_BE_POSITIVE);
            case AMOUNT_TOO_LARGE -> refusedTransfer(code, issuance(), to, Minutes.MAX_AMOUNT + s.amount(), TransferType.ADJUSTMENT,
                    Rejection.AMOUNT_TOO_LARGE);
            case SAME_ACCOUNT -> refusedTransfer(code, from, from, s.amount(), TransferType.GIFT, Rejection.ACCOUNTS_MUST_BE_DIFFERENT);
            case UNKNOWN_ACCOUNT -> refusedTransfer(code, from, "acc_NOSUCHACCOUNT", s.amount(), TransferType.GIFT,
                    Rejection.ACCOUNT_NOT_FOUND);
            case WRONG_TYPE -> refusedTransfer(code, issuance(), to, s.amount(), TransferType.GIFT, Rejection.TYPE_NOT_ALLOWED_FOR_ACCOUNTS);
            case OTHER_SCHEMES_ACCOUNT -> refusedTransfer(code, from, service.outsider.accountId(), s.amount(), TransferType.GIFT,
                    Rejection.ACCOUNT_NOT_FOUND);
            case OTHER_SCHEMES_CODE -> refusedTransfer(service.outsider.code(), from, to, s.amount(), TransferType.GIFT,
                    Rejection.ACCOUNT_NOT_FOUND);
            case UNKNOWN_CARD -> refusedHold("0000000000000000", s.amount(), Refusal.NOT_FOUND);
            case OTHER_SCHEMES_CARD -> refusedHold(service.outsider.cardNumber(), s.amount(), Refusal.NOT_FOUND);
            case GIFT_TO_OTHER_SCHEME -> {
                GivingRequests.Gift body = new GivingRequests.Gift(null, service.outsider.memberId(), s.amount(), null);
                Caller giver = memberCallers.get(s.member());
                expect(fresh(giver, "/v1/me/gifts", body, EntryView.class, true, () -> service.giving.gift(giver, body)),
                        Refusal.RECIPIENT_NOT_FOUND, "gift to another scheme's member");
            }
            case UNKNOWN_ENTRY -> sendReversal("ent_NOSUCHENTRY", Refusal.NOT_FOUND, List.of());
            case HOLD_WITHOUT_AMOUNT -> placeHold(s.member(), null, false);
            case OVERDRAW_BY_ONE -> refusedTransfer(code, from, to, available(from) - floors.get(from) + 1, TransferType.GIFT,
                    Rejection.INSUFFICIENT_CREDITS);
            case HOLD_OVER_FLOOR_BY_ONE -> placeHold(s.member(), available(from) - floors.get(from) + 1, false);
        }
    }

    private void refusedTransfer(String code, String from, String to, long amount, TransferType type, ProblemCode expected) {
        LedgerRequests.Transfer body = new LedgerRequests.Transfer(from, to, amount, type, "invalid");
        Result result = fresh(ADMIN, transfersPath(code), body, EntryView.class, true,
                () -> service.ledgerService.transfer(ADMIN, code, body));
        expect(result, expected, type + " of " + amount + " from " + from + " to " + to + " in " + code);
    }

    private void refusedHold(String card, long amount, ProblemCode expected) {
        RedemptionRequests.Hold body = new RedemptionRequests.Hold(card, null, null, amount, "T-invalid", null);
        expect(fresh(till, "/v1/redemptions", body, RedemptionView.class, true, () -> service.redemptions.hold(till, body)),
                expected, "hold on card " + card);
    }

    // ---- the model's rules, in the ledger's order ----

    private static ProblemCode amountRule(long amount) {
        return amount <= 0 ? Rejection.AMOUNT_MUST_BE_POSITIVE : amount > Minutes.MAX_AMOUNT ? Rejection.AMOUNT_TOO_LARGE : null;
    }

    private ProblemCode moveRule(String from, String to, long amount) {
        ProblemCode rejection = amountRule(amount);
        if (rejection == null && from.equals(to)) {
            rejection = Rejection.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return rejection != null ? rejection : floorRule(twoPostings(from, to, amount));
    }

    private ProblemCode floorRule(List<Posting> postings) {
        for (Posting p : postings) {
            Long floor = floors.get(p.accountId());
            if (p.amountMinutes() < 0 && floor != null && available(p.accountId()) + p.amountMinutes() < floor) {
                return Rejection.INSUFFICIENT_CREDITS;
            }
        }
        return null;
    }

    private long held(String accountId) {
        return holds.values().stream().filter(h -> h.status == Hold.Status.HELD && h.accountId.equals(accountId))
                .mapToLong(h -> h.amount).sum();
    }

    private long available(String accountId) {
        return balances.get(accountId) - held(accountId);
    }

    private void expectEntry(Result result, ProblemCode expected, EntryType type, String from, String to, long amount) {
        expect(result, expected, type + " of " + amount + " from " + from + " to " + to);
        if (expected == null) {
            EntryView entry = (EntryView) result.body();
            posted(entry.id(), type, twoPostings(from, to, amount), entry);
        }
    }

    /** An entry the service says it posted: it must be new, and (where we see it) have the postings the model expects. */
    private void posted(String entryId, EntryType type, List<Posting> postings, EntryView view) {
        assertThat(entryId).as("the posted entry's id").isNotNull();
        assertThat(entries).as("a new entry, not one posted before").doesNotContainKey(entryId);
        if (view != null) {
            assertThat(view.type()).isEqualTo(type);
            assertThat(view.postings()).containsExactlyInAnyOrderElementsOf(
                    postings.stream().map(p -> new PostingView(p.accountId(), p.amountMinutes())).toList());
        }
        entries.put(entryId, new ModelEntry(type, postings));
        postings.forEach(p -> balances.merge(p.accountId(), p.amountMinutes(), Long::sum));
        trace.add("  posted " + type + " " + entryId);
    }

    private static List<Posting> twoPostings(String from, String to, long amount) {
        return List.of(new Posting(from, -amount), new Posting(to, amount));
    }

    private static void expect(Result result, ProblemCode expected, String what) {
        TALLY.merge(expected == null ? "carried out" : expected.code(), 1, Integer::sum);
        if (expected == null && result.rejection() != null) {
            throw new AssertionError(what + ": expected it to be carried out, but it was refused: " + result.rejection());
        }
        assertThat(result.rejection()).as(what).isEqualTo(expected);
    }

    // ---- sending, as the routes do: through the Idempotency-Key handling ----

    private static String transfersPath(String code) {
        return "/v1/schemes/" + code + "/transfers";
    }

    private <T> Result fresh(Caller caller, String path, Object body, Class<T> type, boolean created, Supplier<T> effect) {
        String key = UUID.randomUUID().toString();
        Result result = send(caller, key, path, body, type, created, effect);
        assertThat(result.replayed()).as("a new key is not a replay").isFalse();
        sent.add(new Sent(caller, key, path, body, type, created, effect, result));
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Result send(Caller caller, String key, String path, Object body, Class<?> type, boolean created, Supplier<?> effect) {
        CommandRunner.Command<?> command = new CommandRunner.Command<>(caller.principalId(), key, "POST " + path, body,
                (Class) type, created ? 201 : 200, (Supplier) effect);
        try {
            CommandRunner.Outcome<?> outcome = service.commands.run(command, refused -> service.idempotency.refusal(null, refused));
            return new Result(outcome.result(), outcome.replayed(), null, null, null);
        } catch (RejectedException e) {
            return new Result(null, false, e.rejection(), null, null);
        } catch (ReplayedRefusal refusal) {
            return new Result(null, true, null, refusal.status(), refusal.problem());
        }
    }

    private String json(Object value) {
        try {
            return new String(service.json.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pick-th newest (0 is the newest, wrapping round): counted from the end, so that when
     * shrinking removes an earlier step, a later step still picks what it picked before.
     */
    private static <T> T newest(List<T> items, int pick) {
        return items.get(items.size() - 1 - pick % items.size());
    }

    private String account(int member) {
        return members.get(member).accountId();
    }

    private String issuance() {
        return scheme.issuanceAccountId();
    }

    // ---- invariants ----

    /** Everything the database holds for the scheme, against the model; cheap enough for every step. */
    void checkInvariants() {
        service.transactions.read(() -> {
            checkAccounts();
            checkJournal();
            checkHoldsAndRedemptions();
            return null;
        });
        Reconciliation.Report report = service.reconciliation.reconcile(scheme.id());
        assertThat(report.balanced()).as("reconciliation: " + report.mismatches()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(entries.size());
    }

    private void checkAccounts() {
        List<Account> accounts = service.store.accountsOfScheme(scheme.id());
        Map<String, Long> stored = new TreeMap<>();
        long sum = 0;
        for (Account account : accounts) {
            stored.put(account.id(), account.balanceMinutes());
            sum += account.balanceMinutes();
            Account now = service.ledger.findAccount(account.id()).orElseThrow();
            assertThat(now.heldMinutes()).as("held on " + account.id() + ": the sum of its open holds")
                    .isEqualTo(held(account.id()));
            if (account.floorMinutes() != null) {
                assertThat(now.availableMinutes()).as("available on " + account.id() + " never below its floor")
                        .isGreaterThanOrEqualTo(account.floorMinutes());
            }
            assertThat(account.floorMinutes()).as("floor of " + account.id()).isEqualTo(floors.get(account.id()));
        }
        assertThat(sum).as("the scheme's balances sum to zero").isZero();
        assertThat(stored).as("balances against the model").isEqualTo(balances);
    }

    private void checkJournal() {
        Set<String> stored = new HashSet<>(strings("SELECT id FROM journal_entry WHERE scheme_id = ?"));
        assertThat(stored).as("the scheme's entries: each posted once, none lost").isEqualTo(entries.keySet());
    }

    private void checkHoldsAndRedemptions() {
        java.time.Instant now = service.clock.instant();
        assertThat(strings("SELECT id FROM hold WHERE scheme_id = ?")).as("holds").containsExactlyInAnyOrderElementsOf(holds.keySet());
        holds.forEach((id, hold) -> assertThat(service.store.findHold(id).orElseThrow().statusAt(now))
                .as("status of hold " + id + " (resolved at most once)").isEqualTo(hold.status));
        assertThat(strings("SELECT id FROM redemption WHERE scheme_id = ?")).as("redemptions")
                .containsExactlyInAnyOrderElementsOf(redemptions.stream().map(r -> r.id).toList());
        for (ModelRedemption r : redemptions) {
            Redemption stored = service.redemptionStore.find(r.id).orElseThrow();
            assertThat(stored.capturedMinutes()).as("captured of " + r.id).isEqualTo(r.captured);
            assertThat(stored.refundedMinutes()).as("refunded of " + r.id).isEqualTo(r.refunded);
        }
    }

    private List<String> strings(String sql) {
        return service.jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, scheme.id());
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        });
    }

    /** What happened, step by step, for a failure's message. */
    List<String> trace() {
        return List.copyOf(trace);
    }
}

package org.timeledger.ledger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import org.timeledger.ledger.api.LedgerRequests.TransferType;

import java.util.function.Supplier;

/**
 * The operations the stateful properties send to the ledger, as plain values so that jqwik can
 * generate, print and shrink them. Members are named by index (0 to {@link #MEMBERS} - 1);
 * earlier entries, redemptions and requests by a "pick" that {@link LedgerBooks} counts back
 * from the newest, modulo how many there are, so a step never depends on what was generated
 * before it and a shrunk chain stays meaningful. A step with nothing to pick from does nothing.
 */
final class LedgerSteps {
    static final int MEMBERS = 4;

    private LedgerSteps() {
    }

    sealed interface Step {
    }

    /** An administrator's ADJUSTMENT from ISSUANCE to a member. */
    record Issue(int member, long amount) implements Step {
    }

    /** An administrator's ADJUSTMENT from a member back to ISSUANCE. */
    record Retire(int member, long amount) implements Step {
    }

    /** A GIFT or EXCHANGE a coordinator or administrator records between two members (on the payer's behalf). */
    record StaffTransfer(TransferType type, int from, int to, long amount) implements Step {
    }

    /** A member's own gift, to another member named by card number or by member id. */
    record Give(int from, int to, boolean byCard, long amount) implements Step {
    }

    /** A member's own donation, to the community pot or to the organisation. */
    record Donate(int member, boolean toPot, long amount) implements Step {
    }

    /** A GRANT from the community pot to a member. */
    record Grant(int member, long amount) implements Step {
    }

    /** Reverses an earlier entry (any type: some may not be reversed). */
    record Reverse(int pick) implements Step {
    }

    /** A till's hold on a member's card, or with {@code captureNow} a hold captured in the same request. */
    record PlaceHold(int member, long amount, boolean captureNow) implements Step {
    }

    /** Captures a redemption's hold: all of it ({@code amount} null) or that many minutes. */
    record Capture(int pick, Long amount) implements Step {
    }

    record VoidHold(int pick) implements Step {
    }

    record Refund(int pick, long amount) implements Step {
    }

    /** Moves the clock past the scheme's hold time, so every open hold expires; the sweep may then mark them. */
    record Expire(boolean sweep) implements Step {
    }

    /** Settles the partner's takings up to now. */
    record Settle() implements Step {
    }

    /** Sends an earlier request again, with its Idempotency-Key. */
    record Replay(int pick) implements Step {
    }

    /** Sends a different request with an earlier request's Idempotency-Key. */
    record ReuseKey(int pick) implements Step {
    }

    /** Spends a member's credits exactly down to their floor: the largest amount allowed. */
    record SpendToFloor(int member) implements Step {
    }

    /** A request that must be refused; {@code kind} chooses which (see {@link LedgerBooks#invalid}). */
    record Invalid(Kind kind, int member, long amount) implements Step {
    }

    enum Kind {
        ZERO_AMOUNT, NEGATIVE_AMOUNT, AMOUNT_TOO_LARGE, SAME_ACCOUNT, UNKNOWN_ACCOUNT, WRONG_TYPE, OTHER_SCHEMES_ACCOUNT,
        OTHER_SCHEMES_CODE, UNKNOWN_CARD, OTHER_SCHEMES_CARD, GIFT_TO_OTHER_SCHEME, UNKNOWN_ENTRY, HOLD_WITHOUT_AMOUNT,
        OVERDRAW_BY_ONE, HOLD_OVER_FLOOR_BY_ONE
    }

    // ---- arbitraries ----

    static Arbitrary<Integer> member() {
        return Arbitraries.integers().between(0, MEMBERS - 1);
    }

    /** Mostly recent things, which is where bugs are found and what shrinking keeps. */
    static Arbitrary<Integer> pick() {
        return Arbitraries.integers().between(0, 1_000).withDistribution(net.jqwik.api.RandomDistribution.biased());
    }

    /** Small amounts, so that floors are reached often; edge cases (1, the largest) come with them. */
    static Arbitrary<Long> amount() {
        return Arbitraries.longs().between(1, 300);
    }

    /** The chain of steps, weighted towards what moves credits, starting from fresh books. */
    static ActionChainArbitrary<LedgerBooks> chain(Supplier<LedgerBooks> books, int maxSteps) {
        return ActionChain.<LedgerBooks>startWith(books)
                .withAction(4, action(Combinators.combine(member(), Arbitraries.longs().between(1, 600)).as(Issue::new)))
                .withAction(1, action(Combinators.combine(member(), amount()).as(Retire::new)))
                .withAction(3, action(Combinators.combine(Arbitraries.of(TransferType.GIFT, TransferType.EXCHANGE), member(),
                        member(), amount()).as(StaffTransfer::new)))
                .withAction(3, action(Combinators.combine(member(), member(), Arbitraries.of(true, false), amount()).as(Give::new)))
                .withAction(2, action(Combinators.combine(member(), Arbitraries.of(true, false), amount()).as(Donate::new)))
                .withAction(2, action(Combinators.combine(member(), amount()).as(Grant::new)))
                .withAction(3, action(pick().map(Reverse::new)))
                .withAction(4, action(Combinators.combine(member(), amount(), Arbitraries.of(false, false, true)).as(PlaceHold::new)))
                .withAction(3, action(Combinators.combine(pick(), Arbitraries.longs().between(1, 320).injectNull(0.5))
                        .as(Capture::new)))
                .withAction(2, action(pick().map(VoidHold::new)))
                .withAction(2, action(Combinators.combine(pick(), amount()).as(Refund::new)))
                .withAction(1, action(Arbitraries.of(true, false).map(Expire::new)))
                .withAction(1, action(Arbitraries.just(new Settle())))
                .withAction(4, action(pick().map(Replay::new)))
                .withAction(1, action(pick().map(ReuseKey::new)))
                .withAction(1, action(member().map(SpendToFloor::new)))
                .withAction(3, action(Combinators.combine(Arbitraries.of(Kind.class), member(), amount()).as(Invalid::new)))
                .withMaxTransformations(maxSteps);
    }

    private static Action.Independent<LedgerBooks> action(Arbitrary<? extends Step> steps) {
        return () -> steps.map(step -> Transformer.mutate(step.toString(), (LedgerBooks books) -> books.apply(step)));
    }
}

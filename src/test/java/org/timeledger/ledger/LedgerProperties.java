package org.timeledger.ledger;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.ActionChain;
import org.timeledger.testing.PropertyRuns;
import org.timeledger.testing.ServiceContext;
import org.timeledger.testing.TestDatabase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stateful properties of the ledger, with jqwik: random chains of steps (transfers of every
 * kind, members' gifts and donations, grants, reversals, till holds, captures, voids, refunds,
 * expiry, settlements, replays with the same Idempotency-Key, a key reused for another request,
 * and requests that must be refused) against the real service on a real database, each try on
 * a fresh scheme. After every step the books must agree with a small model: balances and held
 * amounts, floors, the scheme summing to zero, every entry posted once, every hold resolved at
 * most once, and reconciliation (hash chains included) balanced. A failure is shrunk to the
 * shortest chain of the simplest steps that still fails, and reported with its seed.
 *
 * <p>{@code -Dproperties.tries=N} for more tries, {@code -Dproperties.steps=N} for longer chains,
 * {@code -Dproperties.seed=S} to replay a reported seed.
 *
 * <p>jqwik's engine does not run JUnit Jupiter extensions such as @MicronautTest, so each
 * concrete class starts the service itself ({@link ServiceContext}), once, on its database.
 */
@AddLifecycleHook(PropertyRuns.class)
public abstract class LedgerProperties {
    static final int STEPS = Integer.getInteger("properties.steps", 50);
    private static final Map<Class<?>, ServiceContext> CONTEXTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, LedgerBooks.Service> SERVICES = new ConcurrentHashMap<>();

    /** The database this class runs on. */
    protected abstract TestDatabase database();

    @Property(tries = 25)
    void onASchemeWithoutOverdraftTheBooksAgreeWithTheModel(@ForAll("withoutOverdraft") ActionChain<LedgerBooks> chain) {
        chain.withInvariant("the books agree with the model", LedgerBooks::checkInvariants).run();
    }

    @Property(tries = 25)
    void onAMutualCreditSchemeTheBooksAgreeWithTheModel(@ForAll("mutualCredit") ActionChain<LedgerBooks> chain) {
        chain.withInvariant("the books agree with the model", LedgerBooks::checkInvariants).run();
    }

    /** Members may not go below zero. (One property per floor: a chain inside flatMap is not shrunk.) */
    @Provide
    Arbitrary<ActionChain<LedgerBooks>> withoutOverdraft() {
        LedgerBooks.Service service = service();
        return LedgerSteps.chain(() -> new LedgerBooks(service, 0), STEPS);
    }

    /** A timebank whose members may owe two hours. */
    @Provide
    Arbitrary<ActionChain<LedgerBooks>> mutualCredit() {
        LedgerBooks.Service service = service();
        return LedgerSteps.chain(() -> new LedgerBooks(service, -120), STEPS);
    }

    private LedgerBooks.Service service() {
        return SERVICES.computeIfAbsent(getClass(), type -> {
            // the tests run the hold sweep themselves (Expire), so the scheduled one must not race them
            ServiceContext context = ServiceContext.start(database(), Map.of("timeledger.hold-sweep.interval", "1h"));
            CONTEXTS.put(type, context);
            return new LedgerBooks.Service(context);
        });
    }

    @AfterContainer
    static void stopServices() {
        System.out.println("Outcomes of the steps: " + LedgerBooks.TALLY);
        LedgerBooks.TALLY.clear();
        CONTEXTS.values().forEach(ServiceContext::close);
        CONTEXTS.clear();
        SERVICES.clear();
    }
}

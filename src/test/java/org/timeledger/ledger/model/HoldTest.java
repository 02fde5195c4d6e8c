package org.timeledger.ledger.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hold's arithmetic on its own (Hold, and what it does to an Account's available balance):
 * no service, no database. Placing, capturing and voiding holds under locks is RedemptionTests'.
 */
class HoldTest {
    private static final Instant CREATED = Instant.parse("2026-04-15T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-04-15T10:15:00Z");

    private static Hold hold(Hold.Status status) {
        return new Hold("hld_1", "sch_1", "acc_ada", 250, status, EXPIRES, CREATED,
                status == Hold.Status.HELD ? null : CREATED.plusSeconds(60));
    }

    @ParameterizedTest(name = "{0} at expiry {1}: in force {2}, seen as {3}")
    @CsvSource({
            // status, microseconds from its expiry, in force, status as seen then
            "HELD,     -900000000, true,  HELD",
            "HELD,     -1,         true,  HELD",
            "HELD,      0,         false, EXPIRED", // it expires at expiresAt, not after
            "HELD,      1,         false, EXPIRED",
            "CAPTURED, -1,         false, CAPTURED",
            "CAPTURED,  1,         false, CAPTURED",
            "VOIDED,   -1,         false, VOIDED",
            "VOIDED,    1,         false, VOIDED",
            "EXPIRED,  -1,         false, EXPIRED", // marked by the sweep: it stays so
            "EXPIRED,   1,         false, EXPIRED",
    })
    void aHeldHoldSetsItsAmountAsideUntilItsExpiryAndNoLonger(Hold.Status status, long microsFromExpiry, boolean inForce,
                                                             Hold.Status seen) {
        Instant now = EXPIRES.plusNanos(microsFromExpiry * 1_000);

        assertThat(hold(status).inForce(now)).isEqualTo(inForce);
        assertThat(hold(status).statusAt(now)).isEqualTo(seen);
    }

    @ParameterizedTest(name = "balance {0}, held {1}: available {2}")
    @CsvSource({
            "300,    0,  300",
            "300,  250,   50",
            "300,  300,    0",
            "  0,  100, -100", // a mutual-credit member holding into their debt, down to their floor
            "-200, 100, -300",
    })
    void availableIsTheBalanceLessWhatIsHeld(long balance, long held, long available) {
        Account account = new Account("acc_ada", "sch_1", AccountKind.MEMBER, "mem_ada", balance, held, -600L, 7, "head");

        assertThat(account.availableMinutes()).isEqualTo(available);
        assertThat(account.balanceMinutes()).as("a hold leaves the balance alone").isEqualTo(balance);
    }

    @Test
    void changingWhatIsHeldChangesNothingElseOfTheAccount() {
        Account account = new Account("acc_ada", "sch_1", AccountKind.MEMBER, "mem_ada", 300, 250, -600L, 7, "head");

        Account released = account.withHeld(0);

        assertThat(released).isEqualTo(new Account("acc_ada", "sch_1", AccountKind.MEMBER, "mem_ada", 300, 0, -600L, 7, "head"));
        assertThat(released.availableMinutes()).isEqualTo(300);
    }
}

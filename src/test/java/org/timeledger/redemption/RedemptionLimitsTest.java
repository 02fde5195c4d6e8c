package org.timeledger.redemption;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timeledger.ledger.model.Hold;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redemption's arithmetic on its own (Redemption): what a capture takes, what is left to
 * refund, and when its hold counts as expired. No service, no database: the refusals these
 * limits lead to, under the redemption's lock, are RedemptionTests'.
 */
class RedemptionLimitsTest {
    private static final Instant CREATED = Instant.parse("2026-04-15T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-04-15T10:15:00Z");

    private static Redemption redemption(long heldMinutes, Long capturedMinutes, long refundedMinutes, Hold.Status status) {
        return new Redemption("rdm_1", "sch_1", "prt_pool", null, "mem_ada", "acc_ada", "hld_1", heldMinutes,
                capturedMinutes, refundedMinutes, "T-1", "key_till", CREATED, capturedMinutes == null ? null : "ent_1",
                capturedMinutes == null ? null : CREATED.plusSeconds(60), status, EXPIRES, null, "Ada Lovelace");
    }

    @ParameterizedTest(name = "held {0}, the till asks {1}: captures {2}")
    @CsvSource({
            "60,    , 60", // all of it unless the till names less
            "60,  60, 60",
            "60,  45, 45", // a partial capture: the other 15 are released with the hold
            "60,   1,  1",
            "60,  61, 61", // passed on as asked: the ledger refuses more than was held (CAPTURE_EXCEEDS_HELD)
    })
    void aCaptureTakesWhatTheTillNamesOrAllThatIsHeld(long held, Long requested, long captured) {
        assertThat(redemption(held, null, 0, Hold.Status.HELD).captureMinutes(requested)).isEqualTo(captured);
    }

    @ParameterizedTest(name = "captured {0}, refunded {1}: {2} left to refund")
    @CsvSource({
            "  , 0,  0", // never captured: nothing to refund (a hold is voided instead)
            "60, 0, 60",
            "60, 20, 40",
            "60, 59,  1",
            "60, 60,  0",
            "45, 0, 45", // a partial capture refunds up to what was captured, not what was held
    })
    void refundsAddUpToWhatWasCapturedAndNoMore(Long captured, long refunded, long left) {
        Redemption redemption = redemption(60, captured, refunded,
                captured == null ? Hold.Status.HELD : Hold.Status.CAPTURED);

        assertThat(redemption.refundableMinutes()).isEqualTo(left);
    }

    @ParameterizedTest(name = "{0} at expiry {1}: {2}")
    @CsvSource({
            "HELD,     -1, HELD",
            "HELD,      0, EXPIRED", // past its expiry before the sweep marked it: already EXPIRED to the till
            "HELD,      1, EXPIRED",
            "CAPTURED,  1, CAPTURED",
            "VOIDED,    1, VOIDED",
            "EXPIRED,  -1, EXPIRED",
    })
    void aRedemptionIsSeenAsExpiredFromItsHoldsExpiry(Hold.Status status, long microsFromExpiry, Hold.Status seen) {
        Long captured = status == Hold.Status.CAPTURED ? 60L : null;

        assertThat(redemption(60, captured, 0, status).statusAt(EXPIRES.plusNanos(microsFromExpiry * 1_000))).isEqualTo(seen);
    }
}

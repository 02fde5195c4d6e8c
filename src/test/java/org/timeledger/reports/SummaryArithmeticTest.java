package org.timeledger.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.reports.SummaryReport.ExchangeTally;
import org.timeledger.reports.SummaryReport.Tally;
import org.timeledger.reports.SummaryViews.Credits;
import org.timeledger.reports.SummaryViews.Identity;
import org.timeledger.reports.SummaryViews.Outstanding;
import org.timeledger.reports.SummaryViews.WardRow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary report's arithmetic (SummaryArithmetic) on sums given by hand: no service, no
 * database. That the queries gather the right sums is SummaryReportTests' business.
 */
class SummaryArithmeticTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "{0} to {1} in {2}: {3} to {4}")
    @CsvSource({
            "2026-04-15, 2026-04-15, Europe/London, 2026-04-14T23:00:00Z, 2026-04-15T23:00:00Z",
            "2026-01-15, 2026-01-15, Europe/London, 2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z",
            "2026-04-01, 2026-04-30, Europe/London, 2026-03-31T23:00:00Z, 2026-04-30T23:00:00Z",
            "2026-04-15, 2026-04-15, UTC,           2026-04-15T00:00:00Z, 2026-04-16T00:00:00Z",
            "2026-04-15, 2026-04-15, Pacific/Auckland, 2026-04-14T12:00:00Z, 2026-04-15T12:00:00Z",
    })
    void aPeriodRunsFromTheStartOfItsFirstDayToTheEndOfItsLast(LocalDate first, LocalDate last, ZoneId zone,
                                                              Instant start, Instant end) {
        assertThat(SummaryArithmetic.periodStart(first, zone)).isEqualTo(start);
        assertThat(SummaryArithmetic.periodEnd(last, zone)).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0} in London is {1} hours long")
    @CsvSource({
            "2026-03-28, 24",
            "2026-03-29, 23", // the clocks go forward
            "2026-10-25, 25", // and back
    })
    void aDayOfTheClocksChangingIsCountedWhole(LocalDate day, long hours) {
        Duration length = Duration.between(SummaryArithmetic.periodStart(day, LONDON), SummaryArithmetic.periodEnd(day, LONDON));

        assertThat(length).isEqualTo(Duration.ofHours(hours));
    }

    @Test
    void creditsAreTheSumsByTypeOfEntryWithNoneForATypeThatMovedNothing() {
        Credits credits = SummaryArithmetic.credits(900, 120, Map.of(EntryType.EARN, 600L, EntryType.GIFT, 45L, EntryType.REDEMPTION, 60L,
                EntryType.REFUND, 20L, EntryType.EXPIRY, 30L, EntryType.SETTLEMENT, 40L, EntryType.REVERSAL, 10L));

        assertThat(credits).isEqualTo(new Credits(900, 120, 600, 0, 45, 0, 0, 0, 60, 20, 30, 40, 0, 10));
        assertThat(SummaryArithmetic.credits(0, 0, Map.of(EntryType.ALLOCATION, 1L, EntryType.EXCHANGE, 2L, EntryType.DONATION, 3L, EntryType.GRANT, 4L,
                EntryType.ADJUSTMENT, 5L))).isEqualTo(new Credits(0, 0, 0, 1, 0, 2, 3, 4, 0, 0, 0, 0, 5, 0));
    }

    @Test
    void whatIsOutstandingIsEveryHoldersBalanceButExpiredCreditsAreNotInCirculation() {
        Outstanding outstanding = SummaryArithmetic.outstanding(Map.of(AccountKind.MEMBER, 400L, AccountKind.ORGANISATION, 150L,
                AccountKind.PARTNER, 60L, AccountKind.COMMUNITY_POT, 30L, AccountKind.EXPIRED, 25L));

        assertThat(outstanding).isEqualTo(new Outstanding(400, 150, 60, 30, 25, 640));
        assertThat(SummaryArithmetic.outstanding(Map.of())).isEqualTo(new Outstanding(0, 0, 0, 0, 0, 0));
        assertThat(SummaryArithmetic.outstanding(Map.of(AccountKind.MEMBER, -600L, AccountKind.COMMUNITY_POT, 600L)).total())
                .as("members in debt (mutual credit) count against the rest").isZero();
    }

    @ParameterizedTest(name = "issued {0}, back to ISSUANCE {1}, members {2}, expired {3}, stored {4}: holds {5}")
    @CsvSource({
            // issued, returned to ISSUANCE, members' balances, expired, stored balances (empty: not read), holds
            "1000, 200, 800,  0,    , true",
            "1000, 200, 800,  0, 800, true",
            "1000, 200, 800,  0, 801, false", // a balance edited behind the ledger's back
            "1000, 200, 799,  0,    , false", // the postings do not add up
            "1000, 200, 770, 30,    , true",  // expired credits are retired too
            "1000, 200, 800, 30,    , false", // ...so they cannot also be outstanding
            "   0,   0,   0,  0,   0, true",
    })
    void issuedLessRetiredIsWhatIsOutstandingAndWhatTheAccountsStore(long issued, long returned, long members, long expired,
                                                                     Long stored, boolean holds) {
        Outstanding outstanding = SummaryArithmetic.outstanding(Map.of(AccountKind.MEMBER, members, AccountKind.EXPIRED, expired));

        Identity identity = SummaryArithmetic.identity(issued, returned, outstanding, stored);

        assertThat(identity).isEqualTo(new Identity(issued, returned + expired, members, stored, holds));
    }

    @Test
    void everyWardThatVolunteeredHelpedOrGainedMembersHasARowInOrder() {
        Tally north = new Tally();
        north.add("mem_a", 60);
        north.add("mem_a", 30);
        north.add("mem_b", 15);
        ExchangeTally east = new ExchangeTally();
        east.add("mem_c", "mem_d", 90, 2);
        east.add("mem_a", "mem_d", 30, 1);
        ExchangeTally helpedFromNorth = new ExchangeTally();
        helpedFromNorth.add("mem_d", "mem_b", 45, 1);

        var rows = SummaryArithmetic.byWard(Map.of("North", north), Map.of("East", east, "North", helpedFromNorth),
                Map.of("South", 2L, "North", 1L, SummaryReport.NO_WARD, 3L));

        assertThat(rows).containsExactly(new WardRow(SummaryReport.NO_WARD, 0, 0, 3, 0, 0, 0, 0),
                new WardRow("East", 0, 0, 0, 120, 3, 2, 1), new WardRow("North", 105, 2, 1, 45, 1, 1, 1),
                new WardRow("South", 0, 0, 2, 0, 0, 0, 0));
        assertThat(SummaryArithmetic.byWard(Map.of(), Map.of(), Map.of())).isEmpty();
    }

    @Test
    void anActiveMemberVolunteeredOrHelpedThroughAnExchangeAndCountsOnce() {
        assertThat(SummaryArithmetic.activeMembers(Set.of("mem_a", "mem_b"), Set.of("mem_b", "mem_c"))).isEqualTo(3);
        assertThat(SummaryArithmetic.activeMembers(Set.of(), Set.of("mem_c"))).isEqualTo(1);
        assertThat(SummaryArithmetic.activeMembers(Set.of(), Set.of())).isZero();
    }

    @Test
    void aTallyCountsMinutesActivitiesAndEachVolunteerOnce() {
        Tally tally = new Tally();
        tally.add("mem_a", 60);
        tally.add("mem_b", 45);
        tally.add("mem_a", 15);

        assertThat(tally.minutes).isEqualTo(120);
        assertThat(tally.activities).isEqualTo(3);
        assertThat(tally.members).containsExactlyInAnyOrder("mem_a", "mem_b");
    }
}

package org.timeledger.volunteering;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Scheme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.timeledger.volunteering.EarningRule.BACKDATE_LIMIT;
import static org.timeledger.volunteering.EarningRule.DAILY_LIMIT;
import static org.timeledger.volunteering.EarningRule.DATE_IN_FUTURE;
import static org.timeledger.volunteering.EarningRule.MINUTES_PER_ACTIVITY;
import static org.timeledger.volunteering.EarningRule.VETTING_REQUIRED;
import static org.timeledger.volunteering.EarningRule.WEEKLY_EARN_CAP;

/**
 * The earning rules on their own (EarningRules, SPEC §2.2): no service, no database. One row
 * per side of each rule's boundary; each row runs every rule and names all it breaks, so a row
 * meant for one rule also shows that it breaks no other. Which one a coordinator is told when
 * several are broken (the first, in EarningRule's order) is VolunteeringTests' business.
 */
class EarningRulesTest {
    /** A Wednesday: its week runs from Monday 13 April to Sunday 19 April. */
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 15);
    private static final LocalDate MONDAY = LocalDate.of(2026, 4, 13);
    private static final LocalDate SUNDAY = LocalDate.of(2026, 4, 19);

    /** An activity to check and what the rules need to know around it. */
    private record Activity(long minutes, LocalDate date, int backdateDays, Long weeklyCapMinutes,
                            Map<LocalDate, Long> logged, boolean vettedWork, List<VettingCheck> vetting) {

        /** An hour today, in a scheme that accepts 30 days back and has no weekly cap, of work that needs no vetting. */
        static Activity anHour() {
            return new Activity(60, TODAY, 30, null, Map.of(), false, List.of());
        }

        Activity minutes(long minutes) {
            return new Activity(minutes, date, backdateDays, weeklyCapMinutes, logged, vettedWork, vetting);
        }

        Activity on(LocalDate date) {
            return new Activity(minutes, date, backdateDays, weeklyCapMinutes, logged, vettedWork, vetting);
        }

        Activity backdateDays(int days) {
            return new Activity(minutes, date, days, weeklyCapMinutes, logged, vettedWork, vetting);
        }

        Activity weeklyCap(long cap) {
            return new Activity(minutes, date, backdateDays, cap, logged, vettedWork, vetting);
        }

        /** Minutes the member already has logged on a date (and not rejected). */
        Activity logged(LocalDate day, long minutes) {
            Map<LocalDate, Long> more = new HashMap<>(logged);
            more.merge(day, minutes, Long::sum);
            return new Activity(this.minutes, date, backdateDays, weeklyCapMinutes, more, vettedWork, vetting);
        }

        /** Work that needs vetting, by a member with these checks, newest recorded first. */
        Activity vetted(VettingCheck... checks) {
            return new Activity(minutes, date, backdateDays, weeklyCapMinutes, logged, true, List.of(checks));
        }

        Scheme scheme() {
            return new Scheme("sch_test", "test", "Test", 0, 15, "acc_issuance", "acc_pot",
                    Instant.parse("2026-01-01T00:00:00Z"), backdateDays, weeklyCapMinutes, false, "Europe/London", 1, 14, 0);
        }

        Category category() {
            return new Category("cat_test", "sch_test", vettedWork ? "befriending" : "gardening", "Work", vettedWork,
                    Instant.parse("2026-01-01T00:00:00Z"));
        }

        /** Every rule of EarningRules this activity breaks, in EarningRule's order. */
        List<EarningRule> broken() {
            return Stream.of(EarningRules.minutes(minutes), EarningRules.date(scheme(), TODAY, date),
                            EarningRules.vetting(category(), vetting, date, "Ada"),
                            EarningRules.limits(scheme(), date, minutes, logged, "Ada"))
                    .filter(Objects::nonNull).map(EarningRules.Refusal::rule).toList();
        }
    }

    private static VettingCheck check(VettingStatus status, LocalDate checkedOn, LocalDate expiresOn) {
        return new VettingCheck("vet_" + status + checkedOn, "mem_ada", status, checkedOn, expiresOn, "usr_coordinator",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Stream<Arguments> activities() {
        Activity hour = Activity.anHour();
        return Stream.of(
                // MINUTES_PER_ACTIVITY: 1 to 1,440
                arguments("no minutes", hour.minutes(0), List.of(MINUTES_PER_ACTIVITY)),
                arguments("negative minutes", hour.minutes(-30), List.of(MINUTES_PER_ACTIVITY)),
                arguments("one minute", hour.minutes(1), List.of()),
                arguments("24 hours", hour.minutes(1_440), List.of()),
                arguments("24 hours and a minute: the day's limit is broken too", hour.minutes(1_441),
                        List.of(MINUTES_PER_ACTIVITY, DAILY_LIMIT)),
                // DATE_IN_FUTURE: not after today where the scheme is
                arguments("today", hour.on(TODAY), List.of()),
                arguments("tomorrow", hour.on(TODAY.plusDays(1)), List.of(DATE_IN_FUTURE)),
                // BACKDATE_LIMIT: not before today less the scheme's back-dating days
                arguments("30 days back of 30", hour.on(TODAY.minusDays(30)), List.of()),
                arguments("31 days back of 30", hour.on(TODAY.minusDays(31)), List.of(BACKDATE_LIMIT)),
                arguments("today, no back-dating", hour.backdateDays(0), List.of()),
                arguments("yesterday, no back-dating", hour.backdateDays(0).on(TODAY.minusDays(1)), List.of(BACKDATE_LIMIT)),
                // VETTING_REQUIRED: vetted work needs a clearance in force on the day
                arguments("unvetted work, no vetting", hour, List.of()),
                arguments("vetted work, no vetting recorded", hour.vetted(), List.of(VETTING_REQUIRED)),
                arguments("cleared, no expiry", hour.vetted(check(VettingStatus.CLEARED, TODAY.minusYears(1), null)), List.of()),
                arguments("cleared from the day itself", hour.vetted(check(VettingStatus.CLEARED, TODAY, null)), List.of()),
                arguments("cleared from the day after", hour.vetted(check(VettingStatus.CLEARED, TODAY.plusDays(1), null)),
                        List.of(VETTING_REQUIRED)),
                arguments("clearance expiring on the day", hour.vetted(check(VettingStatus.CLEARED, TODAY.minusYears(1), TODAY)),
                        List.of()),
                arguments("clearance expired the day before",
                        hour.vetted(check(VettingStatus.CLEARED, TODAY.minusYears(1), TODAY.minusDays(1))), List.of(VETTING_REQUIRED)),
                arguments("a renewal PENDING leaves the clearance in force", hour.vetted(
                        check(VettingStatus.PENDING, TODAY.minusDays(2), null),
                        check(VettingStatus.CLEARED, TODAY.minusYears(1), null)), List.of()),
                arguments("EXPIRED recorded after the clearance", hour.vetted(
                        check(VettingStatus.EXPIRED, TODAY.minusDays(2), null),
                        check(VettingStatus.CLEARED, TODAY.minusYears(1), null)), List.of(VETTING_REQUIRED)),
                arguments("EXPIRED checked after the day does not reach back", hour.on(TODAY.minusDays(3)).vetted(
                        check(VettingStatus.EXPIRED, TODAY.minusDays(2), null),
                        check(VettingStatus.CLEARED, TODAY.minusYears(1), null)), List.of()),
                arguments("two checks on one day: the later recorded (listed first) is in force, CLEARED", hour.vetted(
                        check(VettingStatus.CLEARED, TODAY.minusDays(2), null),
                        check(VettingStatus.NONE, TODAY.minusDays(2), null)), List.of()),
                arguments("two checks on one day: the later recorded (listed first) is in force, NONE", hour.vetted(
                        check(VettingStatus.NONE, TODAY.minusDays(2), null),
                        check(VettingStatus.CLEARED, TODAY.minusDays(2), null)), List.of(VETTING_REQUIRED)),
                // DAILY_LIMIT: at most 1,440 minutes logged on one date
                arguments("the day filled to 1,440", hour.logged(TODAY, 1_380), List.of()),
                arguments("the day a minute over", hour.logged(TODAY, 1_381), List.of(DAILY_LIMIT)),
                arguments("a full day before counts nothing today", hour.logged(TODAY.minusDays(1), 1_440), List.of()),
                // WEEKLY_EARN_CAP: the scheme's cap on a member's minutes from Monday to Sunday
                arguments("the week filled to the cap", hour.weeklyCap(600).logged(MONDAY, 300).logged(SUNDAY, 240), List.of()),
                arguments("the week a minute over the cap", hour.weeklyCap(600).logged(MONDAY, 300).logged(SUNDAY, 241),
                        List.of(WEEKLY_EARN_CAP)),
                arguments("the Sunday before is another week", hour.weeklyCap(600).logged(MONDAY.minusDays(1), 600), List.of()),
                arguments("the Monday after is another week", hour.weeklyCap(600).logged(SUNDAY.plusDays(1), 600), List.of()),
                arguments("an activity of exactly the cap", hour.weeklyCap(600).minutes(600), List.of()),
                arguments("an activity over the cap on its own", hour.weeklyCap(600).minutes(601), List.of(WEEKLY_EARN_CAP)),
                arguments("no cap: every day of the week full", hour.minutes(1_440).logged(MONDAY, 1_440).logged(
                        MONDAY.plusDays(1), 1_440).logged(MONDAY.plusDays(3), 1_440).logged(SUNDAY, 1_440), List.of()),
                arguments("the day and the week both over", hour.weeklyCap(600).logged(TODAY, 1_400),
                        List.of(DAILY_LIMIT)));
    }

    @ParameterizedTest(name = "{0}: breaks {2}")
    @MethodSource("activities")
    void eachRuleRefusesJustPastItsBoundary(String name, Activity activity, List<EarningRule> broken) {
        assertThat(activity.broken()).as(name).containsExactlyElementsOf(broken);
    }

    @Test
    void theDailyLimitComesBeforeTheCapSoADayOverBothNamesTheDay() {
        // a day over 1,440 is refused as that, even where the week's cap is exceeded as well
        EarningRules.Refusal refusal = EarningRules.limits(Activity.anHour().weeklyCap(600).scheme(), TODAY, 60,
                Map.of(TODAY, 1_400L), "Ada");
        assertThat(refusal.rule()).isEqualTo(DAILY_LIMIT);
    }

    @Test
    void aRefusalSaysWhatIsLeftOfTheWeekAndNeverLessThanNothing() {
        Scheme capped = Activity.anHour().weeklyCap(600).scheme();

        EarningRules.Refusal some = EarningRules.limits(capped, TODAY, 100, Map.of(MONDAY, 550L), "Ada");
        EarningRules.Refusal none = EarningRules.limits(capped, TODAY, 10, Map.of(MONDAY, 700L), "Ada");

        assertThat(some.message()).contains("9 hours 10 minutes logged in the week of 2026-04-13").contains("at most 50 minutes more");
        assertThat(none.message()).contains("at most 0 minutes more");
    }

    @Test
    void aRefusalBecomesARuleViolatedRejectionNamingTheRule() {
        EarningRules.Refusal refusal = EarningRules.minutes(0);

        RejectedException rejection = refusal.rejection();

        assertThat(rejection.rule()).isEqualTo("minutes_per_activity");
        assertThat(rejection.getMessage()).isEqualTo(refusal.message()).contains("0 minutes");
        assertThat(EarningRule.WEEKLY_EARN_CAP.code()).isEqualTo("weekly_earn_cap");
    }

    @Test
    void theVettingRefusalSaysHowTheMemberStood() {
        LocalDate expired = TODAY.minusDays(1);
        Activity lapsed = Activity.anHour().vetted(check(VettingStatus.CLEARED, TODAY.minusYears(1), expired));
        Activity pending = Activity.anHour().vetted(check(VettingStatus.PENDING, TODAY.minusDays(1), null));

        assertThat(EarningRules.vetting(lapsed.category(), lapsed.vetting(), TODAY, "Ada").message())
                .contains("Ada was cleared until " + expired);
        assertThat(EarningRules.vetting(pending.category(), pending.vetting(), TODAY, "Ada").message())
                .as("a PENDING check alone is no standing").contains("Ada had no clearance in force then");
        assertThat(EarningRules.vetting(Activity.anHour().vetted().category(), List.of(), TODAY, "Ada").message())
                .contains("Ada has no vetting recorded");
    }

    @ParameterizedTest(name = "{0} is in the week of {1}")
    @CsvSource({
            "2026-04-13, 2026-04-13", // a Monday is its own week's start
            "2026-04-15, 2026-04-13",
            "2026-04-19, 2026-04-13", // Sunday ends the week
            "2026-04-20, 2026-04-20",
            "2026-01-01, 2025-12-29", // a week across the new year
            "2024-03-03, 2024-02-26", // and across a leap day
    })
    void aWeekRunsFromMondayToSunday(LocalDate date, LocalDate monday) {
        assertThat(EarningRules.weekOf(date)).isEqualTo(monday);
    }

    @Test
    void ofChecksOnDifferentDaysTheLatestCheckedByThenIsInForce() {
        VettingCheck cleared = check(VettingStatus.CLEARED, LocalDate.of(2026, 1, 10), null);
        VettingCheck lapsed = check(VettingStatus.EXPIRED, LocalDate.of(2026, 3, 1), null);
        List<VettingCheck> newestRecordedFirst = new ArrayList<>(List.of(cleared, lapsed)); // recorded out of order

        assertThat(EarningRules.inForce(newestRecordedFirst, LocalDate.of(2026, 1, 9))).isNull();
        assertThat(EarningRules.inForce(newestRecordedFirst, LocalDate.of(2026, 1, 10))).isEqualTo(cleared);
        assertThat(EarningRules.inForce(newestRecordedFirst, LocalDate.of(2026, 2, 28))).isEqualTo(cleared);
        assertThat(EarningRules.inForce(newestRecordedFirst, LocalDate.of(2026, 3, 1))).isEqualTo(lapsed);
    }
}

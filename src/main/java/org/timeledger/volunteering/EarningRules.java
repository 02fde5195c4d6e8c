package org.timeledger.volunteering;

import org.timeledger.schemes.Scheme;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

/**
 * The rules an activity must meet to earn credits (SPEC §2.2), each with the stable name a
 * refusal carries as its {@code rule}. Pure functions: the caller gathers what they need (the
 * date today where the scheme is, the member's vetting, what they already logged).
 */
final class EarningRules {
    static final int MAX_MINUTES = 1_440;

    static final String MINUTES_PER_ACTIVITY = "minutes_per_activity";
    static final String DATE_IN_FUTURE = "date_in_future";
    static final String BACKDATE_LIMIT = "backdate_limit";
    static final String VETTING_REQUIRED = "vetting_required";
    static final String DAILY_LIMIT = "daily_limit";
    static final String WEEKLY_EARN_CAP = "weekly_earn_cap";
    static final String OWN_ACTIVITY = "own_activity";
    static final String AWARD_ONCE = "award_once";
    static final String NO_AWARD = "no_award";

    private EarningRules() {
    }

    /** Why an activity may not be logged or approved: the rule and a sentence for the coordinator. */
    record Refusal(String rule, String message) {
    }

    static Refusal minutes(long minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            return new Refusal(MINUTES_PER_ACTIVITY, "An activity is 1 to 1,440 minutes (24 hours); this one is "
                    + minutes + " minutes.");
        }
        return null;
    }

    static Refusal date(Scheme scheme, LocalDate today, LocalDate date) {
        if (date.isAfter(today)) {
            return new Refusal(DATE_IN_FUTURE, "The activity is dated " + date + ", after today (" + today + " in "
                    + scheme.timeZone() + "); log volunteering once it has happened.");
        }
        LocalDate earliest = today.minusDays(scheme.backdateDays());
        if (date.isBefore(earliest)) {
            return new Refusal(BACKDATE_LIMIT, "The activity is dated " + date + "; this scheme accepts activities up to "
                    + scheme.backdateDays() + " days back, so from " + earliest + ".");
        }
        return null;
    }

    static Refusal vetting(Category category, VettingCheck current, LocalDate date, String memberName) {
        if (!category.requiresVetting() || current != null && current.clearedOn(date)) {
            return null;
        }
        String standing = current == null ? "has no vetting recorded"
                : current.status() != VettingStatus.CLEARED ? "has vetting status " + current.status()
                : date.isBefore(current.checkedOn()) ? "was cleared only from " + current.checkedOn()
                : "was cleared until " + current.expiresOn();
        return new Refusal(VETTING_REQUIRED, "'" + category.code() + "' needs a member whose vetting is CLEARED and "
                + "unexpired on the day; " + memberName + " " + standing + " (activity on " + date + ").");
    }

    /**
     * The 24-hour day and the weekly cap. {@code logged} holds the member's minutes per date
     * already logged and not rejected (including earlier lines of the same request).
     */
    static Refusal limits(Scheme scheme, LocalDate date, long minutes, Map<LocalDate, Long> logged, String memberName) {
        long day = logged.getOrDefault(date, 0L);
        if (day + minutes > MAX_MINUTES) {
            return new Refusal(DAILY_LIMIT, memberName + " already has " + day + " minutes logged on " + date
                    + "; with these " + minutes + " the day would exceed 24 hours (1,440 minutes).");
        }
        Long cap = scheme.weeklyEarnCapMinutes();
        if (cap != null) {
            LocalDate monday = weekOf(date);
            long week = 0;
            for (LocalDate d = monday; d.isBefore(monday.plusDays(7)); d = d.plusDays(1)) {
                week += logged.getOrDefault(d, 0L);
            }
            if (week + minutes > cap) {
                return new Refusal(WEEKLY_EARN_CAP, memberName + " already has " + week + " minutes logged in the week of "
                        + monday + "; this scheme caps earning at " + cap + " minutes a week, so at most "
                        + Math.max(0, cap - week) + " more.");
            }
        }
        return null;
    }

    /** The Monday the week of a date starts on. */
    static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}

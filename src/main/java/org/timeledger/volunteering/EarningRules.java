package org.timeledger.volunteering;

import org.timeledger.ledger.model.Minutes;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Scheme;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

/**
 * The rules an activity must meet to earn credits, each with the stable name a
 * refusal carries as its {@code rule}. Pure functions: the caller gathers what they need (the
 * date today where the scheme is, the member's vetting, what they already logged).
 */
final class EarningRules {
    static final int MAX_MINUTES = 1_440;

    private EarningRules() {
    }

    /** Why an activity may not be logged or approved: the rule and a sentence for the coordinator. */
    record Refusal(EarningRule rule, String message) {
        RejectedException rejection() {
            return RejectedException.ruleViolated(rule.code(), message);
        }
    }

    static Refusal minutes(long minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            return new Refusal(EarningRule.MINUTES_PER_ACTIVITY, "An activity is 1 minute to 24 hours; this one is "
                    + Minutes.inWords(minutes) + ".");
        }
        return null;
    }

    static Refusal date(Scheme scheme, LocalDate today, LocalDate date) {
        if (date.isAfter(today)) {
            return new Refusal(EarningRule.DATE_IN_FUTURE, "The activity is dated " + date + ", after today (" + today + " in "
                    + scheme.timeZone() + "); log volunteering once it has happened.");
        }
        LocalDate earliest = today.minusDays(scheme.backdateDays());
        if (date.isBefore(earliest)) {
            return new Refusal(EarningRule.BACKDATE_LIMIT, "The activity is dated " + date + "; this scheme accepts activities up to "
                    + scheme.backdateDays() + " days back, so from " + earliest + ".");
        }
        return null;
    }

    /**
     * Vetted work needs the member cleared on the activity's date. Each check states the
     * member's standing from its {@code checkedOn}; the one in force on a date is the latest
     * checked by then (of two checked the same day, the later recorded), leaving PENDING ones
     * aside: a renewal under way does not undo a clearance that has not expired.
     */
    static Refusal vetting(Category category, List<VettingCheck> history, LocalDate date, String memberName) {
        return vetting(category, history, date, memberName, "activity");
    }

    /** As above, for help of another kind ({@code what}: "help" given in an exchange). */
    static Refusal vetting(Category category, List<VettingCheck> history, LocalDate date, String memberName, String what) {
        if (!category.requiresVetting()) {
            return null;
        }
        VettingCheck inForce = inForce(history, date);
        if (inForce != null && inForce.clearedOn(date)) {
            return null;
        }
        String standing = inForce != null && inForce.status() == VettingStatus.CLEARED
                ? "was cleared until " + inForce.expiresOn()
                : inForce != null ? "has vetting status " + inForce.status() + " since " + inForce.checkedOn()
                : history.isEmpty() ? "has no vetting recorded"
                : "had no clearance in force then";
        return new Refusal(EarningRule.VETTING_REQUIRED, "'" + category.code() + "' needs a member whose vetting is "
                + "CLEARED and unexpired on the day; " + memberName + " " + standing + " (" + what + " on " + date + ").");
    }

    /** Of a member's checks, newest recorded first, the one that says how they stood on a date. */
    static VettingCheck inForce(List<VettingCheck> history, LocalDate date) {
        VettingCheck found = null;
        for (VettingCheck check : history) {
            if (check.status() == VettingStatus.PENDING || check.checkedOn().isAfter(date)) {
                continue;
            }
            if (found == null || check.checkedOn().isAfter(found.checkedOn())) {
                found = check;
            }
        }
        return found;
    }

    /**
     * The 24-hour day and the weekly cap. {@code logged} holds the member's minutes per date
     * already logged and not rejected (including earlier lines of the same request).
     */
    static Refusal limits(Scheme scheme, LocalDate date, long minutes, Map<LocalDate, Long> logged, String memberName) {
        return limits(scheme, date, minutes, logged, 0, memberName);
    }

    /**
     * As above, with {@code otherHelp} minutes of help given on the date outside activities (a
     * timebank's exchanges): they count towards the 24-hour day, not towards the weekly earning cap.
     */
    static Refusal limits(Scheme scheme, LocalDate date, long minutes, Map<LocalDate, Long> logged, long otherHelp,
                          String memberName) {
        long day = logged.getOrDefault(date, 0L) + otherHelp;
        if (day + minutes > MAX_MINUTES) {
            return new Refusal(EarningRule.DAILY_LIMIT, memberName + " already has " + Minutes.inWords(day) + " of help recorded on " + date
                    + (otherHelp > 0 ? " (" + Minutes.inWords(otherHelp) + " of it exchanged with other members)" : "")
                    + "; with these " + Minutes.inWords(minutes) + " the day would exceed 24 hours.");
        }
        Long cap = scheme.weeklyEarnCapMinutes();
        if (cap != null) {
            LocalDate monday = weekOf(date);
            long week = 0;
            for (LocalDate d = monday; d.isBefore(monday.plusDays(7)); d = d.plusDays(1)) {
                week += logged.getOrDefault(d, 0L);
            }
            if (week + minutes > cap) {
                return new Refusal(EarningRule.WEEKLY_EARN_CAP, memberName + " already has " + Minutes.inWords(week) + " logged in the week of "
                        + monday + "; this scheme caps earning at " + Minutes.inWords(cap) + " a week, so at most "
                        + Minutes.inWords(Math.max(0, cap - week)) + " more.");
            }
        }
        return null;
    }

    /** The Monday the week of a date starts on. */
    static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}

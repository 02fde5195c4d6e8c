package org.timeledger.volunteering;

import java.util.Locale;

/**
 * Every rule that can refuse volunteering its credits, one value per rule. The lower-case name
 * is the {@code rule} of a {@code rule_violated} answer. Checked in {@link EarningRules}, in
 * this order for an activity: minutes, dates, vetting, the day, the week, who approves.
 */
public enum EarningRule {
    /** 1 to 1,440 minutes. */
    MINUTES_PER_ACTIVITY,
    /** Not after today, in the scheme's time zone. */
    DATE_IN_FUTURE,
    /** Not before the scheme's back-dating limit. */
    BACKDATE_LIMIT,
    /** Vetted work needs a member cleared on the day. */
    VETTING_REQUIRED,
    /** No member over 1,440 minutes on one date. */
    DAILY_LIMIT,
    /** The scheme's optional weekly cap per member. */
    WEEKLY_EARN_CAP,
    /** Nobody approves credits for their own member record. */
    OWN_ACTIVITY,
    /** An opportunity awards each member for signing up once, and for attending once. */
    AWARD_ONCE,
    /** The opportunity awards nothing for this. */
    NO_AWARD,
    /** Signing up closes when the opportunity's day has passed. */
    SIGNUP_CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.timeledger.timebank;

import java.util.Locale;

/**
 * Every rule an exchange between members must meet, one value per rule; the lower-case name is
 * the {@code rule} of a {@code rule_violated} answer. Checked in this order, the first broken one
 * answered.
 */
public enum ExchangeRule {
    /** Nobody pays themselves. */
    NOT_WITH_YOURSELF,
    /** 1 to 1,440 minutes. */
    MINUTES_PER_EXCHANGE,
    /** Not after today, in the scheme's time zone. */
    DATE_IN_FUTURE,
    /** Not before the scheme's back-dating limit. */
    BACKDATE_LIMIT,
    /** A listing the exchange settles is one of the two members'. */
    LISTING_PARTIES,
    /** A kind of help that needs vetting needs a helper cleared on the day. */
    VETTING_REQUIRED,
    /** The helper's activities and exchanges on one date never exceed 24 hours. */
    DAILY_LIMIT,
    /** A member's own floor stays within the scheme's bound. */
    FLOOR_BOUND;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

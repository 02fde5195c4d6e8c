package org.timeledger.timebank;

import java.util.Locale;

/** The rules that can refuse a listing's response or match; the lower-case name is the problem's {@code rule}. */
public enum ListingRule {
    /** Nobody responds to, or is matched with, their own listing. */
    OWN_LISTING,
    /** Help in a category that needs vetting is matched only with a helper cleared today. */
    VETTING_REQUIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

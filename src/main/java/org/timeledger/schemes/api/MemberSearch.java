package org.timeledger.schemes.api;

import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.MemberStatus;

import java.util.Locale;

/**
 * What a search of members asks: text to find in names, the same text's digits (when it has at
 * least 3) to find in card numbers and phones, and a status. Blank text asks for no text.
 */
record MemberSearch(String text, String digits, MemberStatus status) {
    static final int MAX_TEXT = 100;

    static MemberSearch of(String q, String status) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw RejectedException.invalidField("q", "is at most " + MAX_TEXT + " characters");
        }
        String digits = text == null ? null : text.replaceAll("[^0-9]", "");
        return new MemberSearch(text, digits != null && digits.length() >= 3 ? digits : null, status(status));
    }

    private static MemberStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return MemberStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalidField("status", "is one of ACTIVE, INACTIVE or ERASED");
        }
    }

    boolean isEmpty() {
        return text == null && status == null;
    }
}

package org.timeledger.http;

import org.timeledger.ledger.RejectedException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates and times a person sends (a day such as 2026-03-31, a time such as
 * 2026-03-31T23:59:59Z), within years anyone means. ISO dates reach year 999,999,999, beyond
 * what a week's arithmetic or PostgreSQL's DATE and TIMESTAMP take.
 */
public final class Times {
    public static final LocalDate EARLIEST_DAY = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DAY = LocalDate.of(2999, 12, 31);
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private Times() {
    }

    /** The date, if it is within 1900-2999; null stays null. */
    public static LocalDate checked(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST_DAY) || date.isAfter(LATEST_DAY))) {
            throw RejectedException.invalidField(field, "must be a date between " + EARLIEST_DAY + " and " + LATEST_DAY);
        }
        return date;
    }

    /** A date from a query parameter: null if absent. */
    public static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return checked(field, LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw RejectedException.invalidField(field, "must be a date such as 2026-03-31");
        }
    }

    /** An instant from a query parameter, within 1900-3000; null if absent. */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return checked(field, Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw RejectedException.invalidField(field, "must be a time such as 2026-03-31T23:59:59Z");
        }
    }

    /** The instant, if it is within 1900-3000. */
    public static Instant checked(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw RejectedException.invalidField(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }
}

package org.timeledger.volunteering;

import org.timeledger.ledger.RejectedException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates a person sends: a day such as 2026-03-31, within years anyone means. JSON and ISO
 * dates reach year 999,999,999, beyond what a week's arithmetic or PostgreSQL's DATE takes.
 */
final class Dates {
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    private Dates() {
    }

    /** The date, if it is within 1900-2999; null stays null. */
    static LocalDate checked(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw RejectedException.invalidField(field, "must be a date between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    /** A date from a query parameter or a CSV upload's query: null if absent. */
    static LocalDate parse(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return checked(field, LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw RejectedException.invalidField(field, "must be a date such as 2026-03-31");
        }
    }
}

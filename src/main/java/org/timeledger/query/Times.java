package org.timeledger.query;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

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

    /**
     * Dates in a body are text such as "2026-03-31": by default a number would be taken as a
     * count of days since 1970, a date nobody who sends 20260331 means.
     */
    @Singleton
    public static class Dates extends FromText<LocalDate> {
        public Dates() {
            super("a date such as 2026-03-31", LocalDate::parse);
        }
    }

    /** Times in a body are text such as "2026-03-31T23:59:59Z", not a count of seconds. */
    @Singleton
    public static class Instants extends FromText<Instant> {
        public Instants() {
            super("a time such as 2026-03-31T23:59:59Z", Instant::parse);
        }
    }

    /** A value a body must give as JSON text, parsed; anything else is refused, naming what was expected. */
    abstract static class FromText<T> implements Deserializer<T> {
        private final String expected;
        private final Function<String, T> parse;

        FromText(String expected, Function<String, T> parse) {
            this.expected = expected;
            this.parse = parse;
        }

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            String text = text(decoder, expected);
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new SerdeException("expected " + expected + " but found '" + text + "'");
            }
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    private static String text(Decoder decoder, String expected) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isString()) {
            throw new SerdeException("expected " + expected + " but found " + JsonTypes.describe(node));
        }
        return node.getStringValue();
    }
}

package org.timeledger.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.timeledger.ledger.RejectedException;

import java.io.IOException;
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

    /**
     * Dates in a body are text such as "2026-03-31": by default a number would be taken as a
     * count of days since 1970, a date nobody who sends 20260331 means.
     */
    @Singleton
    public static class Dates implements Deserializer<LocalDate> {
        @Override
        public LocalDate deserialize(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type) throws IOException {
            String text = text(decoder, "a date such as 2026-03-31");
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new SerdeException("expected a date such as 2026-03-31 but found '" + text + "'");
            }
        }

        @Override
        public LocalDate deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type)
                throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Times in a body are text such as "2026-03-31T23:59:59Z", not a count of seconds. */
    @Singleton
    public static class Instants implements Deserializer<Instant> {
        @Override
        public Instant deserialize(Decoder decoder, DecoderContext context, Argument<? super Instant> type) throws IOException {
            String text = text(decoder, "a time such as 2026-03-31T23:59:59Z");
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new SerdeException("expected a time such as 2026-03-31T23:59:59Z but found '" + text + "'");
            }
        }

        @Override
        public Instant deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Instant> type)
                throws IOException {
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

package org.timeledger.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import org.timeledger.query.JsonTypes;

/**
 * Integer fields accept whole JSON numbers only. By default a fraction is truncated
 * ({@code "amountMinutes": 1.5} would move 1 minute), a too-large number wraps, and text or a
 * boolean is converted ({@code "1"}, {@code true}); here all are refused, so a request moves
 * exactly what its sender wrote or nothing.
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    static long whole(Decoder decoder, long min, long max) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isNumber()) {
            // by default "1" would be read as 1: a number sent as text is a mistake to point out
            throw new SerdeException("expected a whole number but found " + JsonTypes.describe(node));
        }
        Number number = node.getNumberValue();
        BigInteger value;
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            value = BigInteger.valueOf(number.longValue());
        } else if (number instanceof BigInteger big) {
            value = big;
        } else if (number instanceof java.math.BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            value = decimal.toBigIntegerExact();
        } else {
            throw new SerdeException("expected a whole number but was " + number);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new SerdeException("the number " + value + " is out of range");
        }
        return value.longValue();
    }

    @Singleton
    public static class Longs implements Deserializer<Long> {
        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            return whole(decoder, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        public Long deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    @Singleton
    public static class Integers implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            return (int) whole(decoder, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** Booleans are JSON true or false: by default "true", 1 and "yes" would be taken too. */
    @Singleton
    public static class Booleans implements Deserializer<Boolean> {
        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!node.isBoolean()) {
                throw new SerdeException("expected true or false but found " + JsonTypes.describe(node));
            }
            return node.getBooleanValue();
        }

        @Override
        public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }
}

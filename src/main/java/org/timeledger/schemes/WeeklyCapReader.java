package org.timeledger.schemes;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.timeledger.query.JsonTypes;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads {@code weeklyEarnCapMinutes} of a change of rules: JSON null is "no cap", a whole number
 * the new cap (its range is checked by the service); text, fractions and booleans are refused, as
 * for every integer field.
 */
@Singleton
public class WeeklyCapReader implements Deserializer<SchemeRequests.WeeklyCap> {
    @Override
    public SchemeRequests.WeeklyCap deserialize(Decoder decoder, DecoderContext context,
                                                Argument<? super SchemeRequests.WeeklyCap> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isNull()) {
            return new SchemeRequests.WeeklyCap(null);
        }
        if (!node.isNumber()) {
            throw new SerdeException("weeklyEarnCapMinutes must be a whole number, or null for no cap, not " + JsonTypes.describe(node));
        }
        try {
            return new SchemeRequests.WeeklyCap(new BigDecimal(node.getNumberValue().toString()).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new SerdeException("weeklyEarnCapMinutes must be a whole number, or null for no cap, not " + node.getNumberValue());
        }
    }

    @Override
    public SchemeRequests.WeeklyCap deserializeNullable(Decoder decoder, DecoderContext context,
                                                        Argument<? super SchemeRequests.WeeklyCap> type) throws IOException {
        return decoder.decodeNull() ? new SchemeRequests.WeeklyCap(null) : deserialize(decoder, context, type);
    }
}

package org.timeledger.http;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Text fields refuse the NUL character. PostgreSQL cannot store it (H2 can), so without this
 * a memo or a name containing {@code \u0000} would be a 500 on one database and not the other.
 */
@Singleton
public class Texts implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        String value = decoder.decodeString();
        if (value.indexOf('\0') >= 0) {
            throw new SerdeException("text may not contain the NUL character (\\u0000)");
        }
        return value;
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }

    public static boolean hasNul(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }
}

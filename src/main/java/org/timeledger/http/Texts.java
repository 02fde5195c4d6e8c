package org.timeledger.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;
import org.timeledger.query.JsonTypes;

/**
 * Text fields take JSON strings only, and refuse the NUL character and unpaired surrogates.
 * PostgreSQL cannot store NUL (H2 can), so without this a memo or a name containing
 * {@code \u0000} would be a 500 on one database and not the other; a lone surrogate is not
 * text at all, and the database driver would store it as '?'. By default a number, a boolean
 * or a one-element array would be taken as its text ({@code "name": ["x"]} as "x"), so a
 * request would be read as something its sender did not write.
 */
@Singleton
public class Texts implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isString()) {
            throw new SerdeException("expected text (a JSON string) but found " + JsonTypes.describe(node));
        }
        String value = node.getStringValue();
        if (value.indexOf('\0') >= 0) {
            throw new SerdeException("text may not contain the NUL character (\\u0000)");
        }
        if (hasLoneSurrogate(value)) {
            throw new SerdeException("text may not contain an unpaired surrogate (such as \\ud800)");
        }
        return value;
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }

    /** True if a UTF-16 surrogate in the text is not half of a pair, as in {@code "\\ud800"}. */
    public static boolean hasLoneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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

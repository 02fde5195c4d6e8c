package org.timeledger.query;

import org.timeledger.problem.RejectedException;

import java.util.Locale;

/**
 * Boolean query parameters: {@code true} or {@code false}, or absent. The framework's own
 * conversion reads anything else ({@code maybe}, {@code 2}) as false, and
 * {@code DELETE ...?keepBalance=ture} would then do what the caller meant to avoid.
 */
public final class Flags {
    private Flags() {
    }

    public static boolean flag(String field, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RejectedException.invalidField(field, "must be true or false");
        };
    }
}

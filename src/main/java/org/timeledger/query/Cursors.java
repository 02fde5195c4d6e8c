package org.timeledger.query;

import org.timeledger.problem.RejectedException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors and page sizes for every list. A cursor wraps the position after which the
 * next page starts; clients must not build them, and one that does not decode is a 400.
 */
public final class Cursors {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String PREFIX = "v1:";
    // positions are ids or numbers; anything else did not come from us
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,60}");

    private Cursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a cursor, or {@code first} when there is none. */
    public static String decode(String cursor, String first) {
        if (cursor == null || cursor.isEmpty()) {
            return first;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String position = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : "";
            if (SAFE.matcher(position).matches()) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the rejection
        }
        throw invalid("cursor", "is not a cursor this service returned.");
    }

    public static long decodeLong(String cursor, long first) {
        String position = decode(cursor, null);
        if (position == null) {
            return first;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw invalid("cursor", "is not a cursor this service returned.");
        }
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }

    private static RejectedException invalid(String field, String message) {
        return RejectedException.invalidField(field, message);
    }
}

package org.timeledger.support;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Opaque identifiers: a short prefix naming the kind of object, then 26 characters of
 * Crockford base32 holding 48 bits of time (milliseconds) and 80 random bits.
 *
 * <p>The time part makes ids sort roughly by creation, which cursors and the ascending lock
 * order rely on; the random part makes them unguessable. Nothing may depend on ids being
 * gapless or strictly ordered across instances.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        return newId(prefix, System.currentTimeMillis(), RANDOM);
    }

    /** An id as made at {@code epochMillis}, its random part from {@code random}: for generated data. */
    public static String newId(String prefix, long epochMillis, Random random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long time = epochMillis;
        char[] out = new char[26];
        // 10 characters of time (50 bits, top 2 always zero for the next few millennia)
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 16 characters of randomness (80 bits)
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (bytes[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return prefix + "_" + new String(out);
    }
}

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
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (bytes[i] & 0xff);
        }
        return encode(prefix, epochMillis, hi, lo);
    }

    private static final long FORTY_BITS = (1L << 40) - 1;
    private static long orderedMillis;
    private static long orderedHi;
    private static long orderedLo;

    /**
     * Like {@link #newId(String)}, but each id made by this process sorts after the one made
     * before it, within one millisecond too: the random part then goes up by a random step
     * (up to 2^20) rather than being drawn afresh. For the event feed, whose sequencer orders
     * what one transaction recorded by id: an entry's event before the redemption's that it
     * paid. Across instances nothing is promised, as for any id.
     */
    public static synchronized String newOrderedId(String prefix) {
        long now = System.currentTimeMillis();
        if (now > orderedMillis) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            orderedMillis = now;
            orderedHi = 0;
            orderedLo = 0;
            for (int i = 0; i < 5; i++) {
                orderedHi = (orderedHi << 8) | (bytes[i] & 0xff);
                orderedLo = (orderedLo << 8) | (bytes[i + 5] & 0xff);
            }
            orderedHi >>>= 1; // room to count up in before the millisecond runs out
        } else {
            orderedLo += 1 + RANDOM.nextInt(1 << 20);
            if (orderedLo > FORTY_BITS) {
                orderedLo &= FORTY_BITS;
                orderedHi++;
                if (orderedHi > FORTY_BITS) { // a million ids in one millisecond: borrow the next one
                    orderedMillis++;
                    orderedHi = 0;
                }
            }
        }
        return encode(prefix, orderedMillis, orderedHi, orderedLo);
    }

    /** The prefix, then 10 characters of time (50 bits, top 2 zero for millennia) and 16 of the 80 other bits. */
    private static String encode(String prefix, long epochMillis, long hi, long lo) {
        long time = epochMillis;
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
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

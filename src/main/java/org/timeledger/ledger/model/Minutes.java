package org.timeledger.ledger.model;
import org.timeledger.problem.RejectedException;

/**
 * Arithmetic on amounts of credit, which are whole minutes held in a {@code long}
 * (1 credit = 60 minutes). Overflow is a rejection, never a wrap.
 */
public final class Minutes {
    /** The largest amount one request may move: 100,000 hours. */
    public static final long MAX_AMOUNT = 100_000L * 60;

    private Minutes() {
    }

    public static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new RejectedException(Rejection.BALANCE_OVERFLOW,
                    "The result would exceed the largest balance that can be stored.");
        }
    }

    /** An amount as a person reads it: "1 hour 30 minutes", "2 hours", "45 minutes", "minus 3 hours". */
    public static String inWords(long minutes) {
        if (minutes == Long.MIN_VALUE) {
            return minutes + " minutes";
        }
        if (minutes < 0) {
            return "minus " + inWords(-minutes);
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        String h = hours == 1 ? "1 hour" : String.format("%,d hours", hours);
        String m = rest == 1 ? "1 minute" : rest + " minutes";
        return hours == 0 ? m : rest == 0 ? h : h + " " + m;
    }

    public static long negate(long a) {
        try {
            return Math.negateExact(a);
        } catch (ArithmeticException e) {
            throw new RejectedException(Rejection.BALANCE_OVERFLOW, "The amount cannot be negated.");
        }
    }
}

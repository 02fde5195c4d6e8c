package org.timeledger.schemes;

import java.security.SecureRandom;

/**
 * Members' card numbers: 16 digits, the last a Luhn check digit, so a till that mistypes one
 * digit is told so rather than finding someone else. 15 random digits are unguessable enough
 * for a number a till must also hold an API key to use.
 */
public final class CardNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CardNumbers() {
    }

    public static String newNumber() {
        StringBuilder digits = new StringBuilder(16);
        digits.append(1 + RANDOM.nextInt(9)); // no leading zero, so the number survives spreadsheets
        for (int i = 1; i < 15; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.append(checkDigit(digits)).toString();
    }

    /** What a field says when it is not a card number. */
    public static final String NOT_A_CARD = "is not a card number: 16 digits, and the last one checks the others";

    /** A card number as typed or printed ("4000 1234-5678 9010"), without its spaces and hyphens. */
    public static String typed(String number) {
        return number.replaceAll("[\\s-]", "");
    }

    /** Whether the number has 16 digits and a correct check digit. */
    public static boolean isValid(String number) {
        if (number == null || number.length() != 16 || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(number.substring(0, 15)) == number.charAt(15) - '0';
    }

    static int checkDigit(CharSequence payload) {
        int sum = 0;
        boolean dbl = true; // the digit next to the check digit is doubled
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }
}

package org.timeledger.access;

import org.timeledger.support.Secrets;

import java.util.Locale;

/**
 * Activation codes as a member reads them off a letter or a screen: 12 characters of Crockford
 * base32 (60 random bits) in groups of four, {@code 7K2M-QX9D-4RTB}. Typed back forgivingly:
 * any case, with or without dashes and spaces, O for 0 and I or L for 1.
 */
public final class ActivationCodes {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ActivationCodes() {
    }

    public static String newCode() {
        StringBuilder code = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(Secrets.randomInt(32)));
        }
        return code.toString();
    }

    /** The canonical form of a typed code, or null when it cannot be one. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder code = new StringBuilder(12);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char canonical = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(canonical) < 0) {
                return null;
            }
            code.append(canonical);
        }
        return code.length() == 12 ? code.toString() : null;
    }

    public static String hash(String typed) {
        String canonical = normalise(typed);
        return canonical == null ? null : Secrets.sha256Hex(canonical);
    }
}

package org.timeledger.support;

import java.util.Set;

/**
 * What counts as text there is to read: one definition for the whole service, so that a name, a
 * memo or a reason is blank (or not) whichever check looks at it.
 * <p>
 * <b>Blank</b> is text with nothing visible in it: white space of every kind (the no-break
 * spaces U+00A0, U+2007 and U+202F included), control characters (U+0000-U+001F, U+007F-U+009F),
 * invisible format characters (zero-width spaces and joiners U+200B-U+200D, the word joiner
 * U+2060, the byte-order mark U+FEFF, direction marks and overrides) and the few letters that
 * display as nothing (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the braille blank
 * U+2800, variation selectors on their own).
 * <p>
 * <b>Names</b> (of members, staff, organisations, partners, titles of listings, offers and
 * opportunities, wards, labels) are one line of visible text: besides not being blank they may
 * not contain controls (line feeds and tabs included), line or paragraph separators, invisible
 * format characters or the characters that change the direction of text (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C), which would let one member's name pass for another's.
 * <b>Notes</b> (memos, reasons, descriptions, notes, messages, addresses) may run over lines, so
 * they take line feeds, carriage returns and tabs, and nothing else of that kind.
 * <p>
 * Joiners are kept where writing needs them: a zero-width joiner or non-joiner between two
 * emoji or symbols, or between letters of a script that joins (Arabic, Persian, the scripts of
 * India and their neighbours; not Latin, Greek, Cyrillic, Armenian or the scripts of East Asia,
 * where it changes nothing visible); a variation selector after a character it can change (not a
 * Latin, Greek, Cyrillic or Armenian letter); the tag characters of a subdivision flag (the
 * Welsh flag). Letters of every script, accents, emoji and apostrophes are ordinary text.
 */
public final class Text {
    /** Letters that display as nothing, and marks that change nothing on their own. */
    private static final Set<Integer> FILLERS = Set.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0x2800);
    /** Scripts in which a joiner, a non-joiner or a variation selector changes nothing visible. */
    private static final Set<Character.UnicodeScript> NOT_JOINING = Set.of(Character.UnicodeScript.LATIN,
            Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.ARMENIAN,
            Character.UnicodeScript.COMMON, Character.UnicodeScript.INHERITED, Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.BOPOMOFO);
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private Text() {
    }

    /** True for null, empty, or text with nothing visible in it (see the class's description). */
    public static boolean isBlank(CharSequence text) {
        return text == null || text.codePoints().allMatch(Text::invisible);
    }

    /**
     * The text without the blank characters at either end; null stays null. A variation selector
     * or a flag's tags at the end belong to the emoji before them, and stay.
     */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int[] cps = text.codePoints().toArray();
        int start = 0;
        int end = cps.length;
        while (start < end && invisible(cps[start])) {
            start++;
        }
        while (end > start && invisible(cps[end - 1]) && !attached(cps, end - 1)) {
            end--;
        }
        return new String(cps, start, end - start);
    }

    /** Null for blank text, else the text stripped. */
    public static String blankToNull(String text) {
        return isBlank(text) ? null : strip(text);
    }

    /** The first character a name may not contain, described for a person ("U+202E (RIGHT-TO-LEFT OVERRIDE)"), or null. */
    public static String hiddenInName(CharSequence text) {
        return hidden(text, false);
    }

    /** The first character a note may not contain (line feeds, carriage returns and tabs it may), or null. */
    public static String hiddenInNote(CharSequence text) {
        return hidden(text, true);
    }

    /** A character shown to a person: its code and Unicode name. */
    public static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format("U+%04X", codePoint) + (name == null ? "" : " (" + name + ")");
    }

    private static String hidden(CharSequence text, boolean lines) {
        if (text == null) {
            return null;
        }
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (lines && (cp == '\n' || cp == '\r' || cp == '\t')) {
                continue;
            }
            if (!allowed(cps, i)) {
                return describe(cp);
            }
        }
        return null;
    }

    private static boolean allowed(int[] cps, int i) {
        int cp = cps[i];
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || FILLERS.contains(cp)) {
            return false;
        }
        if (cp == ZWJ || cp == ZWNJ) {
            return joins(before(cps, i)) && i + 1 < cps.length && joins(cps[i + 1]);
        }
        if (cp >= 0xE0020 && cp <= CANCEL_TAG) {
            return inFlag(cps, i);
        }
        if (variationSelector(cp)) {
            int base = i > 0 ? cps[i - 1] : -1;
            return base >= 0 && !invisible(base) && !(Character.isLetter(base) && NOT_JOINING.contains(Character.UnicodeScript.of(base))
                    && Character.UnicodeScript.of(base) != Character.UnicodeScript.HAN);
        }
        return type != Character.FORMAT;
    }

    /** Whether an invisible character belongs to the visible one before it: an emoji's selector, a flag's tag. */
    private static boolean attached(int[] cps, int i) {
        int cp = cps[i];
        return (variationSelector(cp) || cp >= 0xE0020 && cp <= CANCEL_TAG) && allowed(cps, i);
    }

    /** The character a joiner follows, looking past combining marks to their letter (an emoji's selector counts). */
    private static int before(int[] cps, int i) {
        for (int j = i - 1; j >= 0; j--) {
            int type = Character.getType(cps[j]);
            if (cps[j] == VS16 || !(type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK)) {
                return cps[j];
            }
        }
        return -1;
    }

    /** Whether a joiner beside this character can change what is shown: an emoji or symbol, or a letter of a joining script. */
    private static boolean joins(int cp) {
        if (cp < 0) {
            return false;
        }
        if (cp == VS16) {
            return true;
        }
        if (invisible(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        if (type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL) {
            return true;
        }
        boolean letterOrMark = Character.isLetter(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
        return letterOrMark && !NOT_JOINING.contains(Character.UnicodeScript.of(cp));
    }

    /** Whether the tag character at i belongs to a flag: a black flag, tags, and a cancel tag closing them. */
    private static boolean inFlag(int[] cps, int i) {
        int start = i;
        while (start > 0 && cps[start - 1] >= 0xE0020 && cps[start - 1] <= CANCEL_TAG) {
            start--;
        }
        int end = i;
        while (end + 1 < cps.length && cps[end + 1] >= 0xE0020 && cps[end + 1] <= CANCEL_TAG && cps[end] != CANCEL_TAG) {
            end++;
        }
        return start > 0 && cps[start - 1] == BLACK_FLAG && cps[end] == CANCEL_TAG && end > start;
    }

    private static boolean variationSelector(int cp) {
        return cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF || cp >= 0x180B && cp <= 0x180D || cp == 0x180F;
    }

    /** Nothing visible: white space, a control, an invisible format character, a filler or a lone selector. */
    private static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || FILLERS.contains(cp) || variationSelector(cp);
    }
}

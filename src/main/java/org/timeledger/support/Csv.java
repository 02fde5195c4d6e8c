package org.timeledger.support;

import java.util.regex.Pattern;

/**
 * The cells of every CSV file the service writes (statements, a partner's sales, the summary,
 * the contact list), so that a spreadsheet opening one runs nothing and keeps its sums. Three
 * kinds of cell (see docs/api-guide.md, "CSV files"):
 * <ul>
 *   <li>{@link #number}: an amount or a count, plain, so that a column still sums; a negative
 *       amount stays a number;</li>
 *   <li>{@link #code}: a value the service itself made (an id, a time, a date, a status), plain;
 *       one with any other character than letters, digits and {@code _ - : . +} after a first
 *       letter or digit is written as text instead;</li>
 *   <li>{@link #text}: anything a person typed (a name, a memo, a ward, a reference), always in
 *       double quotes (RFC 4180, an inner quote doubled), and defused.</li>
 * </ul>
 * Defusing: a spreadsheet may split a line on {@code ,} {@code ;} a tab or {@code |} (the
 * separator depends on its locale and settings), and a line on its breaks, so a formula may
 * start at any of them, not only at the cell's first character. Each part of the text that could
 * so become a cell of its own (the start, and what follows each of those separators or a line
 * break), once past any spaces and double quotes, gets a leading {@code '} when it begins with
 * {@code =} {@code +} {@code -} {@code @}, a tab, a carriage return or a line feed (OWASP's advice
 * for CSV injection): the spreadsheet shows the text and runs nothing.
 */
public final class Csv {
    /** Characters that make a spreadsheet read a cell as a formula (or may be trimmed before one). */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";
    /** Where a spreadsheet may start a new cell or line. */
    private static final String SEPARATORS = ",;\t|\r\n";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-:.+]*");

    private Csv() {
    }

    /** Free text: quoted and defused; {@code null} is an empty cell. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder cell = new StringBuilder(value.length() + 8).append('"');
        boolean atStart = true;
        char previous = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (atStart && (c == ' ' || c == '"')) {
                // a spreadsheet may trim spaces or a stray quote before it reads a formula
                cell.append(c == '"' ? "\"\"" : " ");
                previous = c;
                continue;
            }
            boolean crlf = c == '\n' && previous == '\r';
            if (atStart && !crlf && FORMULA_STARTS.indexOf(c) >= 0) {
                cell.append('\'');
            }
            atStart = SEPARATORS.indexOf(c) >= 0;
            cell.append(c == '"' ? "\"\"" : String.valueOf(c));
            previous = c;
        }
        return cell.append('"').toString();
    }

    /** An amount or a count: a plain number. */
    public static String number(long value) {
        return Long.toString(value);
    }

    /** An amount that may be absent: a plain number, or an empty cell. */
    public static String number(Long value) {
        return value == null ? "" : Long.toString(value);
    }

    /** A value the service made (an id, a time, a date, a status): plain; {@code null} is an empty cell. */
    public static String code(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return CODE.matcher(text).matches() ? text : text(text);
    }

    /** Cells joined into one line, with its CRLF. */
    public static String line(String... cells) {
        return String.join(",", cells) + "\r\n";
    }
}

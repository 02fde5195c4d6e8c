package org.timeledger.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One definition of blank, and of what a name or a note may not hide. */
class TextTest {
    private static final String WELSH_FLAG = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73\uDB40\uDC7F";

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u00A0", "\u2007", "\u202F", "\u200B", "\u200C\u200D", "\u2060", "\uFEFF",
            "\u001F", "\u0085", "\u3000", "\u3164", "\u115F\u1160", "\uFFA0", "\u2800", "\u202E", "\u2066\u2069",
            "\u200E\u200F", "\u061C", "\u00AD", "\uFE0F", " \u00A0\u200B\u3164 "})
    void textOfNothingVisibleIsBlank(String text) {
        assertThat(Text.isBlank(text)).isTrue();
        assertThat(Text.strip(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Ŵ", "ليلى", "王", "\uD83C\uDF3B", "'", "0", "-"})
    void anythingVisibleIsNotBlank(String text) {
        assertThat(Text.isBlank(text)).isFalse();
        assertThat(Text.isBlank("\u00A0" + text + "\u200B")).isFalse();
    }

    @Test
    void stripTakesInvisibleCharactersFromBothEndsOnly() {
        assertThat(Text.strip("\u00A0\u200B Ada Lovelace\u202F\uFEFF")).isEqualTo("Ada Lovelace");
        assertThat(Text.strip("Jean\u00A0Pierre")).isEqualTo("Jean\u00A0Pierre");
        assertThat(Text.strip(null)).isNull();
        assertThat(Text.blankToNull("\u2007")).isNull();
        assertThat(Text.strip("I \u2764\uFE0F")).as("an emoji's selector stays").isEqualTo("I \u2764\uFE0F");
        assertThat(Text.strip("Cymru " + WELSH_FLAG + "\u200B")).as("a flag's tags stay").isEqualTo("Cymru " + WELSH_FLAG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dafydd ap Gwilym", "Siôn Ŵyn Ŷ", "Siân O'Brien-Jones", "ليلى حسن", "王小明", "Zoë Ĳssel",
            "Sam \uD83C\uDF3B", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 the Joneses", "\u2764\uFE0F\u200D\uD83D\uDD25",
            "\uD83D\uDC4D\uD83C\uDFFD", "Cymru " + WELSH_FLAG, "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
            "\u0915\u094D\u200D\u0937", "1\uFE0F\u20E3", "Jean\u00A0Pierre", "Ελένη", "Мария", "Nguyễn Thị"})
    void ordinaryNamesOfEveryScriptPass(String name) {
        assertThat(Text.hiddenInName(name)).as(name).isNull();
        assertThat(Text.hiddenInNote(name)).as(name).isNull();
        assertThat(Text.isBlank(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u202Egnp.exe", "\u202DAda", "Ada\u2066x\u2069", "Ada\u200E", "A\u200Fda", "Ada\u061C",
            "A\u200Bda", "A\u200Cda", "A\u200Dda", "Ada\u2060", "Ad\uFEFFa", "A\u00ADda", "Ada\u0007", "A\u3164da",
            "A\uFE0Fda", "A\u2028da", "Ada \u200D", "\uDB40\uDC67Ada", "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73"})
    void namesAndNotesMayNotHideCharacters(String text) {
        assertThat(Text.hiddenInName(text)).as(text).isNotNull();
        assertThat(Text.hiddenInNote(text)).as(text).isNotNull();
    }

    @Test
    void aNoteMayRunOverLinesAndTakeTabsButANameMayNot() {
        String note = "Shopping on Tuesday\r\n\tand Friday\nthanks";
        assertThat(Text.hiddenInNote(note)).isNull();
        assertThat(Text.hiddenInName("Ada\nLovelace")).isEqualTo("U+000A (LINE FEED (LF))");
        assertThat(Text.hiddenInName("Ada\tLovelace")).startsWith("U+0009");
    }

    @Test
    void theCharacterFoundIsSaidInWords() {
        assertThat(Text.hiddenInName("Ada\u202Egnp")).isEqualTo("U+202E (RIGHT-TO-LEFT OVERRIDE)");
        assertThat(Text.hiddenInNote("memo\u200B")).isEqualTo("U+200B (ZERO WIDTH SPACE)");
    }
}

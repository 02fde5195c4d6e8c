package org.timeledger.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cells of every CSV file: what a person typed in quotes and defused wherever a spreadsheet may start a cell. */
class CsvTest {
    record Case(String typed, String cell) {
    }

    static Stream<Case> texts() {
        return Stream.of(
                new Case("Ada Lovelace", "\"Ada Lovelace\""),
                new Case("", "\"\""),
                new Case("=1+1", "\"'=1+1\""),
                new Case("x;=HYPERLINK(\"http://evil\")", "\"x;'=HYPERLINK(\"\"http://evil\"\")\""),
                new Case("a,@SUM(1)", "\"a,'@SUM(1)\""),
                new Case("b|+1", "\"b|'+1\""),
                new Case("c\t-1", "\"c\t'-1\""),
                new Case("\t=1", "\"'\t'=1\""),
                new Case("\n=1+1", "\"'\n'=1+1\""),
                new Case("\r=1", "\"'\r'=1\""),
                new Case("one\r\n=two", "\"one\r\n'=two\""),
                new Case("a; =1", "\"a; '=1\""),
                new Case("a;\"=1\"", "\"a;\"\"'=1\"\"\""),
                new Case("a;;@b", "\"a;;'@b\""),
                new Case("O'Brien - gardener, 2 hours", "\"O'Brien - gardener, 2 hours\""));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void quotesAndDefusesText(Case c) {
        assertThat(Csv.text(c.typed())).isEqualTo(c.cell());
    }

    @Test
    void numbersAndTheServicesOwnValuesArePlain() {
        assertThat(Csv.number(-30)).isEqualTo("-30");
        assertThat(Csv.number((Long) null)).isEmpty();
        assertThat(Csv.text(null)).isEmpty();
        assertThat(Csv.code("ent_01JQ8ZC5A1B2C3D4E5F6G7H8J9")).isEqualTo("ent_01JQ8ZC5A1B2C3D4E5F6G7H8J9");
        assertThat(Csv.code(java.time.Instant.parse("2026-03-14T10:02:11.123456Z"))).isEqualTo("2026-03-14T10:02:11.123456Z");
        assertThat(Csv.code("-1")).as("not one of ours: text").isEqualTo("\"'-1\"");
        assertThat(Csv.code("a b")).isEqualTo("\"a b\"");
        assertThat(Csv.line("a", "1")).isEqualTo("a,1\r\n");
    }
}

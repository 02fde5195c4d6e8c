package org.timeledger.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;
import org.timeledger.testing.Api;
import org.timeledger.testing.ServiceTest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timeledger.testing.Api.object;

/**
 * Every CSV file the service writes, with what people typed made to look like formulas: a
 * spreadsheet that splits lines on a comma, a semicolon, a tab or a bar, or a line on its breaks,
 * never finds a cell starting with = + - or @ other than one of our numbers; a CSV parser reads
 * the typed text back (with the leading ' that defuses it); amounts stay plain numbers.
 */
public abstract class CsvExportsTests extends ServiceTest {
    /** Printable text that any name, title, memo or ward accepts. */
    static final String HYPERLINK = "x;=HYPERLINK(\"http://evil\")";
    static final String SUM = "a,@SUM(1)";
    static final String BAR = "b|+1 ; -2";
    static final String QUOTED = "c;\"=1+1\"";
    /** Line breaks and tabs: in a postal address, which has lines, and a memo. */
    static final String LINES = "1 Row\n=1+1\r\n\t=2\n-3";
    static final String MEMO_LINES = "thanks\n=1+1\t=2\r@3";

    private static final Pattern OUR_NUMBER = Pattern.compile("-?[0-9]+");

    @Test
    void everyExportDefusesFormulasAfterEverySeparatorAndReadsBack() {
        JsonNode scheme = createScheme("holdMinutes", 15);
        String code = scheme.get("code").asText();
        expect(admin.post("/v1/schemes/" + code + "/categories", object("code", "evil", "name", HYPERLINK)), 201);
        expect(admin.post("/v1/schemes/" + code + "/organisations", object("name", SUM, "ward", BAR)), 201);
        JsonNode partner = admin.post("/v1/schemes/" + code + "/partners", object("name", QUOTED, "ward", BAR)).json();
        String partnerId = partner.get("id").asText();
        Api.Reply offer = admin.post("/v1/partners/" + partnerId + "/offers", object("title", SUM, "amountMinutes", 60));
        expect(offer, 201);
        MemberLogin ada = memberLogin(code, HYPERLINK);
        JsonNode bob = admin.post("/v1/schemes/" + code + "/members", object("displayName", SUM, "ward", BAR)).json();
        expect(admin.send("PATCH", "/v1/members/" + bob.get("id").asText(), object("postalAddress", LINES,
                "phone", "+44 7700 900123", "email", "bob@example.org", "preferredContact", "POST")), 200);
        issue(scheme, ada.accountId(), 300);
        expect(ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 30,
                "memo", QUOTED), "Idempotency-Key", newKey()), 201);
        expect(ada.api().post("/v1/me/gifts", object("toMemberId", bob.get("id").asText(), "amountMinutes", 10,
                "memo", MEMO_LINES), "Idempotency-Key", newKey()), 201);
        Api till = till(partnerId);
        Api.Reply hold = till.post("/v1/redemptions", object("cardNumber", ada.cardNumber(), "offerId", offer.field("id"),
                "tillReference", BAR, "capture", true), "Idempotency-Key", newKey());
        expect(hold, 201);

        Map<String, String> files = Map.of(
                "the member's statement", ada.api().get("/v1/me/postings?format=csv").body(),
                "an account's statement", admin.get("/v1/accounts/" + ada.accountId() + "/postings?format=csv").body(),
                "the partner's sales", till.get("/v1/partners/" + partnerId + "/redemptions?format=csv").body(),
                "the summary", admin.get("/v1/schemes/" + code + "/reports/summary?format=csv").body(),
                "the contact list", admin.get("/v1/schemes/" + code + "/export/contacts").body());

        files.forEach((name, csv) -> assertNoFormulaStarts(name, csv));
        assertReadsBack("the member's statement", files.get("the member's statement"), QUOTED, MEMO_LINES);
        assertReadsBack("an account's statement", files.get("an account's statement"), QUOTED, MEMO_LINES);
        assertReadsBack("the partner's sales", files.get("the partner's sales"), SUM, "x;=HYPERLINK(\"http://evil\")", BAR);
        assertReadsBack("the summary", files.get("the summary"), HYPERLINK, SUM, QUOTED, BAR);
        assertReadsBack("the contact list", files.get("the contact list"), HYPERLINK, SUM, BAR, LINES, "+44 7700 900123");

        // amounts are numbers a spreadsheet sums, a negative one too; free text is in quotes
        assertThat(files.get("the member's statement")).contains(",-30,270\r\n").contains(",-10,260\r\n").contains(",\"c;\"\"'=1+1\"\"\",");
        assertThat(files.get("the partner's sales")).contains(",60,60,0,");
        assertThat(files.get("the summary")).contains("\r\nredeemed,60\r\n").contains(",60,0,0\r\n");
        assertThat(files.get("the contact list")).contains("\"'+44 7700 900123\"");
    }

    /** Splits every line on each separator a spreadsheet may use; no part may start a formula. */
    static void assertNoFormulaStarts(String name, String csv) {
        for (String line : csv.split("\r\n|\r|\n")) {
            for (String separator : List.of(",", ";", "\t", "\\|")) {
                for (String cell : line.split(separator, -1)) {
                    String start = cell.replaceFirst("^[ \"]+", "");
                    if (!start.isEmpty() && "=+-@".indexOf(start.charAt(0)) >= 0) {
                        assertThat(OUR_NUMBER.matcher(cell).matches())
                                .as(name + ": the line " + line + " split on " + separator + " has the cell " + cell).isTrue();
                    }
                }
            }
        }
    }

    /** A CSV parser finds each text, with only apostrophes added. */
    static void assertReadsBack(String name, String csv, String... texts) {
        List<String> cells = new ArrayList<>();
        try (MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(csv)) {
            while (rows.hasNext()) {
                cells.addAll(List.of(rows.next()));
            }
        } catch (IOException e) {
            throw new AssertionError(name + " is not CSV a parser reads", e);
        }
        for (String text : texts) {
            assertThat(cells.stream().map(c -> c.replace("'", "")).toList())
                    .as(name + " reads back " + text).contains(text.replace("'", ""));
        }
    }
}

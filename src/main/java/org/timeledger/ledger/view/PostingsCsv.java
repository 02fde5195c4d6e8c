package org.timeledger.ledger.view;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;

import java.util.List;

/** A statement as CSV (a member's, a partner's): newest line first, as the JSON pages run. */
public final class PostingsCsv {
    public static final String TEXT_CSV = "text/csv";
    public static final int MAX_LINES = 10_000;

    private PostingsCsv() {
    }

    /** CSV when asked for with {@code ?format=csv} or {@code Accept: text/csv}; {@code format} is json or csv. */
    public static boolean wanted(HttpRequest<?> request, String format) {
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw RejectedException.invalidField("format", "must be json or csv");
        }
        return "csv".equals(format) || format == null
                && request.getHeaders().accept().stream().anyMatch(m -> m.getName().equals(TEXT_CSV));
    }

    public static HttpResponse<String> response(List<StatementLineView> lines, String accountId) {
        StringBuilder csv = new StringBuilder("postedAt,entryId,type,memo,amountMinutes,balanceAfterMinutes\r\n");
        for (StatementLineView line : lines) {
            csv.append(line.postedAt()).append(',').append(line.entryId()).append(',').append(line.type()).append(',')
                    .append(cell(line.memo())).append(',').append(line.amountMinutes()).append(',')
                    .append(line.balanceAfterMinutes()).append("\r\n");
        }
        return HttpResponse.ok(csv.toString()).contentType(TEXT_CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + accountId + ".csv\"");
    }

    /** Quoted when needed; a leading =, +, -, @, tab or CR is defused so a spreadsheet does not run it. */
    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}

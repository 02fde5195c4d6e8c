package org.timeledger.ledger.view;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;
import org.timeledger.support.Csv;

import java.util.List;

/** A statement as CSV (a member's, a partner's): newest line first, as the JSON pages run; cells as {@link Csv} writes them. */
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
            csv.append(Csv.line(Csv.code(line.postedAt()), Csv.code(line.entryId()), Csv.code(line.type()),
                    Csv.text(line.memo()), Csv.number(line.amountMinutes()), Csv.number(line.balanceAfterMinutes())));
        }
        return HttpResponse.ok(csv.toString()).contentType(TEXT_CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + accountId + ".csv\"");
    }
}

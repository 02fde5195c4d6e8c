package org.timeledger.ledger.view;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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

    /**
     * CSV when asked for with {@code ?format=csv}, or with an {@code Accept} that prefers text/csv to
     * JSON ({@code Accept: text/csv}); {@code format} is json or csv. A client that accepts both
     * equally ({@code Accept: application/json, text/csv}, as a client generated from openapi.yml
     * sends) gets JSON, the default.
     */
    public static boolean wanted(HttpRequest<?> request, String format) {
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw RejectedException.invalidField("format", "must be json or csv");
        }
        if (format != null) {
            return format.equals("csv");
        }
        List<MediaType> accept = request.getHeaders().accept();
        return quality(accept, TEXT_CSV) > quality(accept, MediaType.APPLICATION_JSON);
    }

    /** The highest quality the Accept header gives the media type by its name (0 when it does not name it). */
    private static double quality(List<MediaType> accept, String name) {
        return accept.stream().filter(m -> m.getName().equals(name))
                .mapToDouble(m -> m.getQualityAsNumber().doubleValue()).max().orElse(0);
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

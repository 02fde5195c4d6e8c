package org.timeledger.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Times;
import org.timeledger.ledger.view.PostingsCsv;


/** Reports and exports for those who fund and audit a scheme. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportsController {
    static final String JOURNAL = "text/plain";

    private final JournalExport journal;
    private final SummaryReport summary;
    private final PublicSummary publicSummary;

    public ReportsController(JournalExport journal, SummaryReport summary, PublicSummary publicSummary) {
        this.publicSummary = publicSummary;
        this.journal = journal;
        this.summary = summary;
    }

    /**
     * What the scheme achieved from {@code from} to {@code to} (days in the scheme's time zone,
     * both included; defaults: from the scheme's first day, or its earliest back-dated activity, to today), as JSON or CSV tables.
     */
    @Get(value = "/schemes/{code}/reports/summary", produces = {MediaType.APPLICATION_JSON, PostingsCsv.TEXT_CSV})
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public HttpResponse<?> summary(HttpRequest<?> request, Caller caller, String code, @Nullable @QueryValue String from,
                                   @Nullable @QueryValue String to, @Nullable @QueryValue String format) {
        SummaryViews.Summary report = summary.summary(caller, code, Times.date("from", from), Times.date("to", to));
        if (PostingsCsv.wanted(request, format)) {
            return HttpResponse.ok(SummaryCsv.of(report)).contentType(PostingsCsv.TEXT_CSV + "; charset=utf-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + "-summary.csv\"");
        }
        return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The transparency page's figures: anyone may read them, and nobody can be picked out of them. */
    @Get("/public/schemes/{code}/summary")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public PublicSummary.View publicSummary(String code) {
        return publicSummary.of(code);
    }

    /** The journal in hledger's format: entries posted from {@code from} to {@code to}, times or days (see JournalExport). */
    @Get(value = "/schemes/{code}/export/journal", produces = JOURNAL)
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<String> journal(Caller caller, String code, @Nullable @QueryValue String from,
                                        @Nullable @QueryValue String to) {
        return HttpResponse.ok(journal.export(caller, code, from, to)).contentType(JOURNAL + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + ".journal\"");
    }
}

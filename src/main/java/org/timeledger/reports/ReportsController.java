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
import org.timeledger.access.Caller;
import org.timeledger.access.Roles;
import org.timeledger.ledger.RejectedException;
import org.timeledger.ledger.api.PostingsCsv;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reports and exports for those who fund and audit a scheme. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportsController {
    static final String JOURNAL = "text/plain";

    private final JournalExport journal;
    private final SummaryReport summary;
    private final PublicSummary publicSummary;
    private final Clock clock;

    public ReportsController(JournalExport journal, SummaryReport summary, PublicSummary publicSummary, Clock clock) {
        this.publicSummary = publicSummary;
        this.journal = journal;
        this.summary = summary;
        this.clock = clock;
    }

    /**
     * What the scheme achieved from {@code from} to {@code to} (days in the scheme's time zone,
     * both included; defaults: since the scheme began, to today), as JSON or CSV tables.
     */
    @Get(value = "/schemes/{code}/reports/summary", produces = {MediaType.APPLICATION_JSON, PostingsCsv.TEXT_CSV})
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public HttpResponse<?> summary(HttpRequest<?> request, Caller caller, String code, @Nullable @QueryValue String from,
                                   @Nullable @QueryValue String to, @Nullable @QueryValue String format) {
        SummaryViews.Summary report = summary.summary(caller, code, date("from", from), date("to", to));
        if (PostingsCsv.wanted(request, format)) {
            return HttpResponse.ok(SummaryCsv.of(report)).contentType(PostingsCsv.TEXT_CSV + "; charset=utf-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + "-summary.csv\"");
        }
        return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1900 || date.getYear() > 2999) {
                throw RejectedException.invalidField(field, "must be a date between 1900-01-01 and 2999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw RejectedException.invalidField(field, "must be a date such as 2026-03-31");
        }
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

package org.timeledger.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.timeledger.access.Caller;
import org.timeledger.access.Roles;
import org.timeledger.ledger.RejectedException;
import org.timeledger.ledger.api.PostingsCsv;

import java.time.Clock;
import java.time.Instant;

/** Reports and exports for auditors. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportsController {
    static final String JOURNAL = "text/plain";

    private final JournalExport journal;
    private final Clock clock;

    public ReportsController(JournalExport journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** The journal in hledger's format, entries posted in [from, to) (defaults: ever, now). */
    @Get(value = "/schemes/{code}/export/journal", produces = JOURNAL)
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<String> journal(Caller caller, String code, @Nullable @QueryValue String from,
                                        @Nullable @QueryValue String to) {
        Instant start = from == null ? Instant.parse("1900-01-01T00:00:00Z") : PostingsCsv.instant("from", from);
        Instant end = to == null ? clock.instant().plusSeconds(1) : PostingsCsv.instant("to", to);
        if (end.isBefore(start)) {
            throw RejectedException.invalidField("to", "is before from");
        }
        return HttpResponse.ok(journal.export(caller, code, start, end)).contentType(JOURNAL + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + ".journal\"");
    }
}

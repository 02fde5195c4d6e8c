package org.timeledger.ledger.api;

import org.timeledger.query.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.web.Idempotency;
import org.timeledger.query.Page;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.ledger.view.LedgerViews.AccountView;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;
import org.timeledger.ledger.view.LedgerViews;
import org.timeledger.ledger.view.PostingsCsv;

@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LedgerController {
    private final LedgerService ledger;
    private final Idempotency idempotency;

    public LedgerController(LedgerService ledger, Idempotency idempotency) {
        this.ledger = ledger;
        this.idempotency = idempotency;
    }

    @Post("/schemes/{code}/transfers")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<EntryView> transfer(HttpRequest<?> request, Caller caller, String code,
                                            @Nullable @Header(Idempotency.HEADER) String key,
                                            @Body @Valid LedgerRequests.Transfer body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> ledger.transfer(caller, code, body));
    }

    @Post("/entries/{id}/reversal")
    @Secured(Roles.ADMIN)
    public HttpResponse<EntryView> reverse(HttpRequest<?> request, Caller caller, String id,
                                           @Nullable @Header(Idempotency.HEADER) String key,
                                           @Body @Valid LedgerRequests.Reversal body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> ledger.reverse(caller, id, body));
    }

    @Get("/entries/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public EntryView entry(Caller caller, String id) {
        return ledger.entry(caller, id);
    }

    @Get("/accounts/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public AccountView account(Caller caller, String id) {
        return ledger.account(caller, id);
    }

    @Get(value = "/accounts/{id}/postings", produces = {MediaType.APPLICATION_JSON, PostingsCsv.TEXT_CSV})
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public HttpResponse<?> postings(HttpRequest<?> request, Caller caller, String id, @Nullable @QueryValue Integer limit,
                                    @Nullable @QueryValue String cursor, @Nullable @QueryValue String format) {
        if (PostingsCsv.wanted(request, format)) {
            return PostingsCsv.response(ledger.wholeStatement(caller, id, PostingsCsv.MAX_LINES), id);
        }
        return HttpResponse.ok(ledger.statement(caller, id, limit, cursor)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The balance as it stood at {@code asOf} (an instant such as 2026-03-31T23:59:59Z; default now). */
    @Get("/accounts/{id}/balance")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public LedgerViews.BalanceView balance(Caller caller, String id, @Nullable @QueryValue String asOf) {
        return ledger.balanceAsOf(caller, id, Times.instant("asOf", asOf));
    }

    @Get("/schemes/{code}/reconciliation")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Reconciliation.Report reconciliation(Caller caller, String code) {
        return ledger.reconcile(caller, code);
    }
}

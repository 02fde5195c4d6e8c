package org.timeledger.ledger.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import org.timeledger.access.Roles;
import org.timeledger.http.Idempotency;
import org.timeledger.http.Page;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.ledger.api.LedgerViews.AccountView;
import org.timeledger.ledger.api.LedgerViews.EntryView;
import org.timeledger.ledger.api.LedgerViews.StatementLineView;

@Controller("/v1")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LedgerController {
    private final LedgerService ledger;
    private final Idempotency idempotency;

    public LedgerController(LedgerService ledger, Idempotency idempotency) {
        this.ledger = ledger;
        this.idempotency = idempotency;
    }

    @Post("/schemes/{code}/transfers")
    public HttpResponse<EntryView> transfer(HttpRequest<?> request, Authentication caller, String code,
                                            @Nullable @Header(Idempotency.HEADER) String key,
                                            @Body @Valid LedgerRequests.Transfer body) {
        return idempotency.created(new Idempotency.Call(request, caller, key, body), EntryView.class,
                LedgerController::location, () -> ledger.transfer(code, body, caller.getName()));
    }

    @Post("/entries/{id}/reversal")
    public HttpResponse<EntryView> reverse(HttpRequest<?> request, Authentication caller, String id,
                                           @Nullable @Header(Idempotency.HEADER) String key,
                                           @Body @Valid LedgerRequests.Reversal body) {
        return idempotency.created(new Idempotency.Call(request, caller, key, body), EntryView.class,
                LedgerController::location, () -> ledger.reverse(id, body, caller.getName()));
    }

    @Get("/entries/{id}")
    public EntryView entry(String id) {
        return ledger.entry(id);
    }

    @Get("/accounts/{id}")
    public AccountView account(String id) {
        return ledger.account(id);
    }

    @Get("/accounts/{id}/postings")
    public Page<StatementLineView> postings(String id, @Nullable @QueryValue Integer limit,
                                            @Nullable @QueryValue String cursor) {
        return ledger.statement(id, limit, cursor);
    }

    @Get("/schemes/{code}/reconciliation")
    public Reconciliation.Report reconciliation(String code) {
        return ledger.reconcile(code);
    }

    private static String location(EntryView entry) {
        return "/v1/entries/" + entry.id();
    }
}

package org.timeledger.giving;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.web.Idempotency;
import org.timeledger.ledger.view.LedgerViews;
import org.timeledger.ledger.view.LedgerViews.EntryView;

/** Coordinators granting credits from the community pot to a member in need. */
@Controller("/v1/schemes/{code}/grants")
@Secured({Roles.ADMIN, Roles.COORDINATOR})
@ExecuteOn(TaskExecutors.BLOCKING)
public class GrantController {
    private final GivingService giving;
    private final Idempotency idempotency;

    public GrantController(GivingService giving, Idempotency idempotency) {
        this.giving = giving;
        this.idempotency = idempotency;
    }

    @Post
    public HttpResponse<EntryView> grant(HttpRequest<?> request, Caller caller, String code,
                                         @Nullable @Header(Idempotency.HEADER) String key,
                                         @Body @Valid GivingRequests.Grant body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> giving.grant(caller, code, body));
    }
}

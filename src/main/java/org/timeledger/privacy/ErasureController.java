package org.timeledger.privacy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Flags;
import org.timeledger.web.Idempotency;

/** An administrator erases a member's personal data; the ledger keeps their (pseudonymous) account. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ErasureController {
    private final Erasure erasure;
    private final Idempotency idempotency;

    public ErasureController(Erasure erasure, Idempotency idempotency) {
        this.erasure = erasure;
        this.idempotency = idempotency;
    }

    /** With {@code keepBalance=true} the member's credits stay in their account instead of going to the pot. */
    @Delete("/members/{id}/personal-data")
    @Secured(Roles.ADMIN)
    public HttpResponse<Erasure.Erased> erase(HttpRequest<?> request, Caller caller, String id,
                                              @Nullable @Header(Idempotency.HEADER) String key,
                                              @Nullable @QueryValue String keepBalance) {
        boolean keep = Flags.flag("keepBalance", keepBalance);
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, keep ? "keep" : "donate"),
                Erasure.Erased.class, () -> erasure.erase(caller, id, keep));
    }
}

package org.timeledger.audit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.timeledger.audit.api.AuditViews.AuditPage;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;

/** A scheme's audit log: every change that is not a ledger entry, oldest first. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @Get("/schemes/{code}/audit")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public AuditPage audit(Caller caller, String code, @Nullable @QueryValue String after,
                           @Nullable @QueryValue Integer limit) {
        return log.page(caller, code, after, limit);
    }
}

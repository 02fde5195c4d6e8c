package org.timeledger.ledger.api;

import org.timeledger.problem.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.ledger.Checkpoints;
import org.timeledger.ledger.model.Checkpoint;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;

import java.time.Instant;

/**
 * Checkpoints are published without login (counts and a digest, nothing personal), so anyone
 * can keep a copy and hold the service to it; an auditor has any of them recomputed from the
 * journal as it is stored now.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckpointController {
    private final Checkpoints checkpoints;
    private final SchemeService schemes;
    private final Access access;

    public CheckpointController(Checkpoints checkpoints, SchemeService schemes, Access access) {
        this.checkpoints = checkpoints;
        this.schemes = schemes;
        this.access = access;
    }

    @Serdeable
    public record CheckpointView(String id, String schemeCode, long number, Instant createdAt, long entries, long postings,
                                 long accounts, long balanceSumMinutes, long outstandingMinutes, String digest) {
        static CheckpointView of(Checkpoint c, String schemeCode) {
            return new CheckpointView(c.id(), schemeCode, c.number(), c.createdAt(), c.entries(), c.postings(), c.accounts(),
                    c.balanceSumMinutes(), c.outstandingMinutes(), c.digest());
        }
    }

    @Get("/public/schemes/{code}/checkpoints")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Page<CheckpointView> list(String code, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Scheme scheme = schemes.get(code);
        int size = Cursors.limit(limit);
        long before = Cursors.decodeLong(cursor, Long.MAX_VALUE);
        return Page.fetch(size, rows -> checkpoints.page(scheme.id(), before, rows), c -> Long.toString(c.number()),
                c -> CheckpointView.of(c, code));
    }

    @Get("/schemes/{code}/checkpoints/{id}/verification")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Checkpoints.Verification verify(Caller caller, String code, String id) {
        Scheme scheme = access.scheme(caller, code);
        Checkpoint checkpoint = checkpoints.find(scheme.id(), id).orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND,
                "Scheme " + code + " has no checkpoint " + id + "."));
        return checkpoints.verify(checkpoint);
    }
}

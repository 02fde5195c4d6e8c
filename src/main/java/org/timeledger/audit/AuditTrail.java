package org.timeledger.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionDefinition;
import jakarta.inject.Singleton;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.support.Clocks;
import org.timeledger.web.RequestIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log: a record of every change that is not a ledger entry, appended in the
 * transaction of the change (if the change rolls back, so does its row). Each row says who
 * (the caller's id, username and role), when (the service's clock), the request id, the
 * action, its subject and the fields before and after, personal data masked; and carries the
 * hash that chains it to the scheme's row before it (see {@link AuditHash}).
 *
 * <p>A service that changes something calls, inside its transaction:
 * <pre>{@code auditTrail.record(caller, schemeId, Action.STAFF_UPDATED, Subject.staff(id),
 *         Changes.of().field("role", before.role(), after.role()));}</pre>
 */
@Singleton
public class AuditTrail {
    private static final Argument<List<Change>> CHANGES = Argument.listOf(Change.class);

    private final AuditStore store;
    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(AuditStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Appends one row to the scheme's log, in the caller's transaction (called without one, it
     * fails at once). {@code caller} is null for a change the service makes by itself. A member's
     * username is not kept (it is personal data, and erasure would have to find it): their id is.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Caller caller, String schemeId, Action action, Subject subject, Changes changes) {
        if (schemeId == null) {
            throw new IllegalArgumentException("an audit row belongs to a scheme");
        }
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        String username = request.flatMap(r -> r.getUserPrincipal(Authentication.class)).map(Authentication::getName)
                .orElse(null);
        String requestId = request.flatMap(RequestIds::of).orElse(null);
        Instant at = Clocks.now(clock);
        AuditStore.Head head = store.lockHead(schemeId);
        AuditRecord unhashed = new AuditRecord(schemeId, head.lastSequence() + 1, at,
                caller == null ? null : caller.principalId(), caller == null || caller.is(Role.MEMBER) ? null : username,
                caller == null ? null : caller.role().name(), requestId, action.name(), subject.type().name(), subject.id(),
                write(changes.list()), null);
        store.append(withHash(unhashed, AuditHash.of(head.lastHash(), unhashed)));
    }

    /** The scheme's rows numbered after {@code afterSequence}, in order; at most {@code rows}. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<AuditRecord> after(String schemeId, long afterSequence, int rows) {
        return store.after(schemeId, afterSequence, rows);
    }

    /** A row's changes, as recorded. */
    public List<Change> changes(AuditRecord record) {
        try {
            return json.readValue(record.changes(), CHANGES);
        } catch (IOException | RuntimeException e) {
            // edited with SQL into something that is not a list of changes: reconciliation names the row
            return List.of();
        }
    }

    private String write(List<Change> changes) {
        try {
            return json.writeValueAsString(CHANGES, changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditRecord withHash(AuditRecord r, String hash) {
        return new AuditRecord(r.schemeId(), r.sequence(), r.at(), r.actorId(), r.actorName(), r.actorRole(), r.requestId(),
                r.action(), r.subjectType(), r.subjectId(), r.changes(), hash);
    }
}

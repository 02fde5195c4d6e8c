package org.timeledger.audit.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.timeledger.audit.Change;

import java.time.Instant;
import java.util.List;

/** The audit log as the API shows it. */
public final class AuditViews {
    private AuditViews() {
    }

    /** Who made a change: absent for one the service made by itself. */
    @Serdeable
    public record ActorView(String id, @Nullable String username, String role) {
    }

    @Serdeable
    public record SubjectView(String type, String id) {
    }

    @Serdeable
    public record AuditRow(long sequence, Instant at, @Nullable ActorView actor, @Nullable String requestId, String action,
                           SubjectView subject, List<Change> changes) {
    }

    @Serdeable
    public record AuditPage(List<AuditRow> items, @Nullable String nextCursor) {
    }
}

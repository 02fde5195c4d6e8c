package org.timeledger.audit.api;

import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.audit.AuditRecord;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.api.AuditViews.ActorView;
import org.timeledger.audit.api.AuditViews.AuditPage;
import org.timeledger.audit.api.AuditViews.AuditRow;
import org.timeledger.audit.api.AuditViews.SubjectView;
import org.timeledger.identity.Caller;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Transactions;

/**
 * Reading a scheme's audit log: its rows in sequence order after a cursor, for the scheme's
 * administrators (and the all-schemes administrator) and auditors.
 */
@Singleton
public class AuditLog {
    private final Access access;
    private final AuditTrail trail;
    private final Transactions transactions;

    public AuditLog(Access access, AuditTrail trail, Transactions transactions) {
        this.access = access;
        this.trail = trail;
        this.transactions = transactions;
    }

    public AuditPage page(Caller caller, String schemeCode, String after, Integer limit) {
        int size = Cursors.limit(limit);
        long from = Cursors.decodeLong(after, 0);
        Page<AuditRow> page = transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            return Page.fetch(size, rows -> trail.after(scheme.id(), from, rows), r -> Long.toString(r.sequence()), this::row);
        });
        return new AuditPage(page.items(), page.nextCursor());
    }

    private AuditRow row(AuditRecord r) {
        ActorView actor = r.actorId() == null ? null : new ActorView(r.actorId(), r.actorName(), r.actorRole());
        return new AuditRow(r.sequence(), r.at(), actor, r.requestId(), r.action(), new SubjectView(r.subjectType(), r.subjectId()),
                trail.changes(r));
    }
}

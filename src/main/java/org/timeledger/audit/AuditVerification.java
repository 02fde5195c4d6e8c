package org.timeledger.audit;

import jakarta.inject.Singleton;
import org.timeledger.ledger.Reconciliation.Mismatch;
import org.timeledger.ledger.Reconciliation.MismatchKind;
import org.timeledger.ledger.RecordChain;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks a scheme's audit log for reconciliation, on its snapshot: the sequence runs 1, 2, 3, ...
 * with no gap, each row's hash is what its content and the stored hash of the row before it
 * give, and the scheme's head names the last row. So a row edited with SQL is named by its
 * sequence ({@code AUDIT_ROW_MISMATCH}); a row removed, inserted, renumbered or the newest
 * rows removed break the chain ({@code AUDIT_CHAIN_BROKEN}). As with the journal, what the chain
 * alone cannot show is the newest rows rewritten with their head to match.
 */
@Singleton
public class AuditVerification implements RecordChain {
    private final AuditStore store;

    public AuditVerification(AuditStore store) {
        this.store = store;
    }

    @Override
    public long check(String schemeId, Consumer<Mismatch> findings) {
        Walk walk = new Walk(findings);
        store.forEach(schemeId, walk::accept);
        Optional<AuditStore.Head> head = store.head(schemeId);
        long headSequence = head.map(AuditStore.Head::lastSequence).orElse(0L);
        String headHash = head.map(AuditStore.Head::lastHash).orElse(AuditHash.GENESIS);
        if (headSequence != walk.last || !headHash.equals(walk.previousHash)) {
            findings.accept(broken(headSequence, headSequence > walk.last
                    ? "The audit log ends at row " + walk.last + " but its head records row " + headSequence
                    + ": its newest rows were removed."
                    : "The audit log's last row (" + walk.last + ") is not the one its head records (" + headSequence
                    + "): a row was added or changed at its end."));
        }
        return walk.rows;
    }

    private static final class Walk {
        private final Consumer<Mismatch> findings;
        long rows;
        long last;
        String previousHash = AuditHash.GENESIS;

        Walk(Consumer<Mismatch> findings) {
            this.findings = findings;
        }

        void accept(AuditRecord r) {
            rows++;
            long expected = last + 1;
            if (r.sequence() != expected) {
                findings.accept(broken(r.sequence(), r.sequence() > expected
                        ? "The audit log has row " + r.sequence() + " where " + expected + " was expected: "
                        + (r.sequence() - expected == 1 ? "a row was" : "rows were") + " removed."
                        : "The audit log has row " + r.sequence() + " after row " + last + ": a row was inserted or moved."));
            } else if (!AuditHash.of(previousHash, r).equals(r.chainHash())) {
                findings.accept(new Mismatch(MismatchKind.AUDIT_ROW_MISMATCH, null, null, r.sequence(), null, null,
                        "Audit row " + r.sequence() + " was changed after it was written (who, when, what or the fields "
                                + "before and after), or the row before it was."));
            }
            previousHash = r.chainHash();
            last = r.sequence();
        }
    }

    private static Mismatch broken(long sequence, String detail) {
        return new Mismatch(MismatchKind.AUDIT_CHAIN_BROKEN, null, null, sequence, null, null, detail);
    }
}

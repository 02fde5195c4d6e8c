package org.timeledger.ledger;

import java.util.function.Consumer;

/**
 * A hash chain kept beside the journal that reconciliation walks with it, on the same snapshot:
 * the audit log's (audit.AuditVerification). Declared here and implemented above, as
 * volunteering.HelpElsewhere is, so the ledger names what was edited without depending on
 * the features that keep such chains.
 */
public interface RecordChain {
    /** Walks the scheme's chain in the caller's transaction and reports every break; answers the rows checked. */
    long check(String schemeId, Consumer<Reconciliation.Mismatch> findings);
}

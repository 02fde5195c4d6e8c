package org.timeledger.ledger;

import jakarta.inject.Singleton;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.IssuanceTotals;
import org.timeledger.ledger.model.OwnerTypeSum;
import org.timeledger.ledger.store.ReportStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the books say about a scheme, summed for the reports: credits moved by entry type, what
 * ISSUANCE created and retired, balances by kind of account. Read-only, on the caller's
 * transaction; a period is [start, end) of the entries' posting times.
 */
@Singleton
public class LedgerFigures {
    private final ReportStore store;

    public LedgerFigures(ReportStore store) {
        this.store = store;
    }

    /** Per entry type, the amount moved by entries posted in [start, end): the sum of their credit postings. */
    public Map<EntryType, Long> creditsByType(String schemeId, Instant start, Instant end) {
        return store.creditsByType(schemeId, start, end);
    }

    /** Credits created (debits of ISSUANCE, all its accounts) and retired (their credits) by entries posted in [start, end). */
    public IssuanceTotals issuanceTotals(String schemeId, Instant start, Instant end) {
        return store.issuanceTotals(schemeId, start, end);
    }

    /** The balance column of every account in circulation (not ISSUANCE, not EXPIRED), as it stands now. */
    public long storedBalancesInCirculation(String schemeId) {
        return store.storedBalancesInCirculation(schemeId);
    }

    /** Everyone's balances but ISSUANCE's at {@code end}, by kind of account. */
    public Map<AccountKind, Long> balancesByKind(String schemeId, Instant end) {
        return store.balancesByKind(schemeId, end);
    }

    /** Per owner of accounts of one kind, the postings on them by entries of each given type posted in [start, end). */
    public List<OwnerTypeSum> sumsByOwnerAndType(String schemeId, AccountKind kind, Collection<EntryType> types,
                                                 Instant start, Instant end) {
        return store.sumsByOwnerAndType(schemeId, kind, types, start, end);
    }
}

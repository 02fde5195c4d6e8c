package org.timeledger.ledger.api;

import jakarta.inject.Singleton;
import org.timeledger.http.Cursors;
import org.timeledger.http.Page;
import org.timeledger.ledger.Account;
import org.timeledger.ledger.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.ledger.RejectedException;
import org.timeledger.ledger.Rejection;
import org.timeledger.ledger.StatementLine;
import org.timeledger.ledger.api.LedgerViews.AccountView;
import org.timeledger.ledger.api.LedgerViews.EntryView;
import org.timeledger.ledger.api.LedgerViews.StatementLineView;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;

import java.util.List;

/** What the ledger's routes do, in the API's terms: scheme codes in, views out. */
@Singleton
public class LedgerService {
    private final Ledger ledger;
    private final Reconciliation reconciliation;
    private final SchemeService schemes;
    private final Transactions transactions;

    public LedgerService(Ledger ledger, Reconciliation reconciliation, SchemeService schemes, Transactions transactions) {
        this.ledger = ledger;
        this.reconciliation = reconciliation;
        this.schemes = schemes;
        this.transactions = transactions;
    }

    /** Runs on the caller's transaction (the one that records the Idempotency-Key). */
    public EntryView transfer(String schemeCode, LedgerRequests.Transfer request, String actor) {
        Scheme scheme = schemes.get(schemeCode);
        JournalEntry entry = ledger.move(scheme.id(), request.type().entryType(), request.fromAccountId(),
                request.toAccountId(), request.amountMinutes(), request.memo(), actor);
        return EntryView.of(entry, scheme.code(), null);
    }

    /** Runs on the caller's transaction (the one that records the Idempotency-Key). */
    public EntryView reverse(String entryId, LedgerRequests.Reversal request, String actor) {
        JournalEntry reversal = ledger.reverse(entryId, request.reason().strip(), actor);
        return EntryView.of(reversal, schemes.codeOf(reversal.schemeId()), null);
    }

    public EntryView entry(String entryId) {
        return transactions.read(() -> {
            JournalEntry entry = ledger.findEntry(entryId)
                    .orElseThrow(() -> new RejectedException(Rejection.NOT_FOUND, "No entry " + entryId + "."));
            return EntryView.of(entry, schemes.codeOf(entry.schemeId()), ledger.findReversalOf(entryId).orElse(null));
        });
    }

    public AccountView account(String accountId) {
        Account account = transactions.read(() -> findAccount(accountId));
        return AccountView.of(account, schemes.codeOf(account.schemeId()));
    }

    public Page<StatementLineView> statement(String accountId, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        long beforeSeq = Cursors.decodeLong(cursor, Long.MAX_VALUE);
        List<StatementLine> lines = transactions.read(() -> {
            findAccount(accountId);
            return ledger.statement(accountId, beforeSeq, size + 1);
        });
        List<StatementLineView> items = lines.stream().limit(size).map(StatementLineView::of).toList();
        String next = lines.size() > size ? Cursors.encode(Long.toString(lines.get(size - 1).seq())) : null;
        return new Page<>(items, next);
    }

    public Reconciliation.Report reconcile(String schemeCode) {
        return reconciliation.reconcile(schemes.get(schemeCode).id());
    }

    private Account findAccount(String accountId) {
        return ledger.findAccount(accountId)
                .orElseThrow(() -> new RejectedException(Rejection.NOT_FOUND, "No account " + accountId + "."));
    }
}

package org.timeledger.ledger.api;

import org.timeledger.support.Text;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.access.Staff;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.Reconciliation;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.ledger.model.StatementLine;
import org.timeledger.ledger.api.LedgerRequests.TransferType;
import org.timeledger.ledger.view.LedgerViews.AccountView;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;

import java.time.Instant;
import java.util.List;
import org.timeledger.ledger.view.LedgerViews;

/** What the ledger's routes do, in the API's terms: scheme codes in, views out, access checked. */
@Singleton
public class LedgerService {
    private final Ledger ledger;
    private final Reconciliation reconciliation;
    private final SchemeService schemes;
    private final Access access;
    private final Transactions transactions;
    private final Staff staff;
    private final java.time.Clock clock;

    public LedgerService(Ledger ledger, Reconciliation reconciliation, SchemeService schemes, Access access,
                         Transactions transactions, Staff staff, java.time.Clock clock) {
        this.staff = staff;
        this.clock = clock;
        this.ledger = ledger;
        this.reconciliation = reconciliation;
        this.schemes = schemes;
        this.access = access;
        this.transactions = transactions;
    }

    /**
     * Posts a transfer. Administrators post any type; coordinators record GIFT, EXCHANGE and
     * DONATION for their scheme's members, and GRANT from the community pot, never ADJUSTMENT.
     * Moving a member's credits for them records the member as {@code onBehalfOf}. Staff never
     * credit their own member record ({@code own_member_record}).
     * In the command's transaction (the one that records the Idempotency-Key).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView transfer(Caller caller, String schemeCode, LedgerRequests.Transfer request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        if (caller.is(Role.COORDINATOR) && request.type() == TransferType.ADJUSTMENT) {
            throw new RejectedException(Refusal.FORBIDDEN, "Only administrators post ADJUSTMENT entries.");
        }
        Account from = ledger.findAccount(request.fromAccountId()).orElse(null);
        if (from != null && !access.maySee(caller, from)) {
            throw new RejectedException(Rejection.ACCOUNT_NOT_FOUND, "No account " + request.fromAccountId() + " in this scheme.");
        }
        ledger.findAccount(request.toAccountId()).filter(to -> to.kind() == AccountKind.MEMBER)
                .ifPresent(to -> staff.refuseOwnRecord(caller, to.ownerId(), "record credits for you"));
        String onBehalfOf = from != null && from.kind() == AccountKind.MEMBER && !from.ownerId().equals(caller.memberId())
                ? from.ownerId() : null;
        JournalEntry entry = ledger.move(scheme.id(), request.type().entryType(), request.fromAccountId(),
                request.toAccountId(), request.amountMinutes(), request.memo(), new Actor(caller.principalId(), onBehalfOf));
        return EntryView.of(entry, scheme.code(), null);
    }

    /** In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public EntryView reverse(Caller caller, String entryId, LedgerRequests.Reversal request) {
        JournalEntry original = access.entry(caller, entryId);
        if (CORRECTED_ELSEWHERE.contains(original.type())) {
            // reversing them here would leave the redemption or settlement that records them
            // standing, and let a refund pay the same credits back a second time
            throw new RejectedException(Rejection.REVERSAL_NOT_ALLOWED, "A " + original.type() + " entry is corrected "
                    + (original.type() == EntryType.SETTLEMENT ? "by the next settlement" : "with a refund of its redemption (POST /v1/redemptions/{id}/refunds)")
                    + ", not reversed.");
        }
        JournalEntry reversal = ledger.reverse(entryId, Text.strip(request.reason()), Actor.of(caller.principalId()));
        return EntryView.of(reversal, schemes.codeOf(reversal.schemeId()), null);
    }

    private static final java.util.Set<EntryType> CORRECTED_ELSEWHERE =
            java.util.EnumSet.of(EntryType.REDEMPTION, EntryType.REFUND, EntryType.SETTLEMENT);

    public EntryView entry(Caller caller, String entryId) {
        return transactions.read(() -> {
            JournalEntry entry = access.entry(caller, entryId);
            return EntryView.of(entry, schemes.codeOf(entry.schemeId()), ledger.findReversalOf(entryId).orElse(null));
        });
    }

    public AccountView account(Caller caller, String accountId) {
        Account account = transactions.read(() -> access.account(caller, accountId));
        return AccountView.of(account, schemes.codeOf(account.schemeId()));
    }

    public LedgerViews.BalanceView balanceAsOf(Caller caller, String accountId, Instant asOf) {
        Instant at = asOf == null ? clock.instant() : asOf;
        return transactions.read(() -> {
            access.account(caller, accountId);
            return new LedgerViews.BalanceView(accountId, at, ledger.balanceAsOf(accountId, at));
        });
    }

    /** Every line of an account's statement, newest first, for a CSV download: at most {@code max}. */
    public List<StatementLineView> wholeStatement(Caller caller, String accountId, int max) {
        List<StatementLine> lines = transactions.read(() -> {
            access.account(caller, accountId);
            return ledger.statement(accountId, Long.MAX_VALUE, max + 1);
        });
        if (lines.size() > max) {
            throw RejectedException.invalidField("format", "the statement has more than " + max
                    + " lines, too many for one CSV file; page through it as JSON");
        }
        return lines.stream().map(StatementLineView::of).toList();
    }

    public Page<StatementLineView> statement(Caller caller, String accountId, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        long beforeSeq = Cursors.decodeLong(cursor, Long.MAX_VALUE);
        return transactions.read(() -> {
            access.account(caller, accountId);
            return Page.fetch(size, rows -> ledger.statement(accountId, beforeSeq, rows), l -> Long.toString(l.seq()),
                    StatementLineView::of);
        });
    }

    public Reconciliation.Report reconcile(Caller caller, String schemeCode) {
        return reconciliation.reconcile(access.scheme(caller, schemeCode).id());
    }
}

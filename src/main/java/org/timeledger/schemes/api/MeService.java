package org.timeledger.schemes.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.query.Page;
import org.timeledger.ledger.view.PostingsCsv;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.api.LedgerService;
import org.timeledger.ledger.view.LedgerViews.StatementLineView;
import org.timeledger.schemes.api.SchemeViews.MemberView;
import org.timeledger.support.Transactions;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;

/** A member's own view of themselves, their scheme and their account. */
@Singleton
public class MeService {
    private final Access access;
    private final SchemeService schemes;
    private final LedgerService ledger;
    private final Transactions transactions;

    public MeService(Access access, SchemeService schemes, LedgerService ledger, Transactions transactions) {
        this.access = access;
        this.schemes = schemes;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    @Serdeable
    public record SchemeSummary(String code, String name) {
    }

    @Serdeable
    public record MyAccount(String id, long balanceMinutes, long heldMinutes, long availableMinutes,
                            @Nullable Long floorMinutes) {
    }

    @Serdeable
    public record MeView(MemberView member, SchemeSummary scheme, MyAccount account) {
    }

    public MeView view(Caller caller) {
        return transactions.read(() -> {
            Member member = access.member(caller, caller.memberId());
            Account account = access.account(caller, member.accountId());
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            return new MeView(MemberView.of(member, scheme.code()), new SchemeSummary(scheme.code(), scheme.name()),
                    new MyAccount(account.id(), account.balanceMinutes(), account.heldMinutes(), account.availableMinutes(),
                            account.floorMinutes()));
        });
    }

    public Member member(Caller caller) {
        return transactions.read(() -> access.member(caller, caller.memberId()));
    }

    public record Whole(String accountId, java.util.List<StatementLineView> lines) {
    }

    public Whole wholeStatement(Caller caller) {
        Member member = access.member(caller, caller.memberId());
        return new Whole(member.accountId(), ledger.wholeStatement(caller, member.accountId(), PostingsCsv.MAX_LINES));
    }

    public Page<StatementLineView> statement(Caller caller, Integer limit, String cursor) {
        Member member = access.member(caller, caller.memberId());
        return ledger.statement(caller, member.accountId(), limit, cursor);
    }
}

package org.timeledger.ledger.view;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.StatementLine;

import java.time.Instant;
import java.util.List;

/** Response bodies of the ledger's API. */
public final class LedgerViews {
    private LedgerViews() {
    }

    @Serdeable
    public record AccountView(String id, String schemeCode, AccountKind kind, @Nullable String ownerId,
                              long balanceMinutes, long heldMinutes, long availableMinutes,
                              @Nullable Long floorMinutes) {
        public static AccountView of(Account a, String schemeCode) {
            return new AccountView(a.id(), schemeCode, a.kind(), a.ownerId(), a.balanceMinutes(), a.heldMinutes(),
                    a.availableMinutes(), a.floorMinutes());
        }
    }

    /** An account's balance at a moment: entries posted up to {@code asOf}, included. */
    @Serdeable
    public record BalanceView(String accountId, Instant asOf, long balanceMinutes) {
    }

    @Serdeable
    public record PostingView(String accountId, long amountMinutes) {
    }

    @Serdeable
    public record EntryView(String id, String schemeCode, EntryType type, String memo, String actor,
                            @Nullable String onBehalfOf, Instant postedAt, List<PostingView> postings,
                            @Nullable String reversesEntryId, @Nullable String reversedByEntryId) {
        public static EntryView of(JournalEntry e, String schemeCode, String reversedBy) {
            return new EntryView(e.id(), schemeCode, e.type(), e.memo(), e.actor(), e.onBehalfOf(), e.postedAt(),
                    e.postings().stream().map(p -> new PostingView(p.accountId(), p.amountMinutes())).toList(),
                    e.reversesEntryId(), reversedBy);
        }
    }

    @Serdeable
    public record StatementLineView(String entryId, Instant postedAt, EntryType type, String memo,
                                    long amountMinutes, long balanceAfterMinutes) {
        public static StatementLineView of(StatementLine line) {
            return new StatementLineView(line.entryId(), line.postedAt(), line.type(), line.memo(),
                    line.amountMinutes(), line.balanceAfterMinutes());
        }
    }

    /** Where an entry is found: the Location of an answer that posted it. */
    public static String location(EntryView entry) {
        return "/v1/entries/" + entry.id();
    }
}

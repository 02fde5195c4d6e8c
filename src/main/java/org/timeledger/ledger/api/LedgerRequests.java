package org.timeledger.ledger.api;

import org.timeledger.support.Filled;
import org.timeledger.support.NoteText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.timeledger.ledger.model.EntryType;

/** Request bodies of the ledger's API. */
public final class LedgerRequests {
    private LedgerRequests() {
    }

    /** The entry types the transfers resource may post; the others come from their own features. */
    public enum TransferType {
        GIFT(EntryType.GIFT),
        DONATION(EntryType.DONATION),
        EXCHANGE(EntryType.EXCHANGE),
        GRANT(EntryType.GRANT),
        ADJUSTMENT(EntryType.ADJUSTMENT);

        private final EntryType entryType;

        TransferType(EntryType entryType) {
            this.entryType = entryType;
        }

        public EntryType entryType() {
            return entryType;
        }
    }

    /** amountMinutes is checked by the ledger itself, so every path to it shares one rule. */
    @Serdeable
    public record Transfer(@NotNull @Filled @Size(max = 40) String fromAccountId,
                           @NotNull @Filled @Size(max = 40) String toAccountId,
                           @NotNull Long amountMinutes,
                           @NotNull TransferType type,
                           @Nullable @NoteText(blankMeansNone = true) @Size(max = 500) String memo) {
    }

    @Serdeable
    public record Reversal(@NotNull @NoteText @Size(max = 500) String reason) {
    }
}

package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.AccountKind;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of a scheme's ISSUANCE accounts an EARN entry debits. Every entry locks the accounts it
 * touches, and with a single ISSUANCE account every approval in the scheme queues for that one
 * row: the benchmark found 85% of PostgreSQL's busy connections waiting on it, capping earnings
 * at some 470 entries a second on two cores. A scheme created with {@code issuanceAccounts: n}
 * spreads them over n accounts of kind ISSUANCE. Nothing else changes: each keeps its own
 * balance and hash chain, reconciliation already sums every account, and the reports and the
 * journal export take ISSUANCE by kind, so credits outstanding are still minus their sum.
 *
 * <p>The account is chosen by the credited member's account, so one member's earnings always
 * come from the same one; a register takes the one of its first line for all its entries, so
 * that it locks one ISSUANCE account, not all of them.
 */
@Singleton
public class IssuanceAccounts {
    public static final int MAX = 64;

    private final Ledger ledger;
    /** A scheme's ISSUANCE accounts never change once it exists: read once. */
    private final Map<String, List<String>> bySchemeId = new ConcurrentHashMap<>();

    public IssuanceAccounts(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The ISSUANCE account that credits for {@code creditedAccountId} come from. */
    public String forEarning(Scheme scheme, String creditedAccountId) {
        if (scheme.issuanceAccounts() <= 1) {
            return scheme.issuanceAccountId();
        }
        List<String> accounts = all(scheme);
        return accounts.get(Math.floorMod(creditedAccountId.hashCode(), accounts.size()));
    }

    /** All of the scheme's ISSUANCE accounts, in id order. */
    public List<String> all(Scheme scheme) {
        List<String> known = bySchemeId.get(scheme.id());
        if (known != null) {
            return known;
        }
        List<String> accounts = List.copyOf(ledger.accountIdsOfKind(scheme.id(), AccountKind.ISSUANCE));
        if (accounts.size() == scheme.issuanceAccounts()) {
            bySchemeId.put(scheme.id(), accounts); // not before the scheme's creation has committed
        }
        return accounts;
    }
}

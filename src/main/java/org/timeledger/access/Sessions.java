package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Transactions;

/**
 * Whether a signed-in person's session still stands: a password reset or a disabled login moves
 * the user's session epoch on, ending every token issued before it at its next request.
 */
@Singleton
public class Sessions {
    private final SessionStore store;
    private final Transactions transactions;

    public Sessions(SessionStore store, Transactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /** Whether a token of the user carrying this epoch is still good: the user can log in, at that epoch. */
    public boolean isCurrent(String userId, int epoch) {
        return transactions.read(() -> store.epochOfEnabled(userId).filter(e -> e == epoch).isPresent());
    }
}

package org.timeledger.access;

import jakarta.inject.Singleton;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;

import java.time.Instant;

/**
 * Whether a signed-in person's session still stands. Each login (a sign-in on one device) is a
 * row its tokens name: logging out, or a refresh token used twice, ends it. A password reset or
 * change, a disabled login, or a change of a staff user's role, organisations or standing moves
 * the user's session epoch on, ending every login of theirs at once. Either
 * way the access token stops working at its next request.
 */
@Singleton
public class Sessions {
    private final SessionStore store;
    private final Transactions transactions;

    public Sessions(SessionStore store, Transactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /** Whether a token of the user carrying this login and epoch is still good. One primary-key read. */
    public boolean isCurrent(String userId, String loginId, int epoch) {
        return transactions.read(() -> store.epochOfOpen(userId, loginId).filter(e -> e == epoch).isPresent());
    }

    /** Starts a login of the user, on the caller's transaction; answers its id. */
    String start(String userId, Instant at) {
        String id = Ids.newId("lgn");
        store.insert(id, userId, at);
        return id;
    }

    /** Whether the login has not ended, on the caller's transaction. */
    boolean isOpen(String loginId) {
        return store.isOpen(loginId);
    }

    /** Ends a login, on the caller's transaction. */
    void end(String loginId, Instant at) {
        store.end(loginId, at);
    }
}

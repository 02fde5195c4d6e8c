package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;

/** The member table's hand-written SQL (the rest is {@link MemberRepository}'s); runs on the caller's transaction. */
@Singleton
public class MemberStore {
    private final Sql sql;

    public MemberStore(Sql sql) {
        this.sql = sql;
    }

    /** Replaces the member's name and card number; the first erasure's moment stands if there was one. */
    public void erase(String memberId, String pseudonym, String blockedCard, Instant erasedAt) {
        sql.update("UPDATE member SET display_name = ?, card_number = ?, erased_at = COALESCE(erased_at, ?) WHERE id = ?",
                pseudonym, blockedCard, erasedAt, memberId);
    }
}

package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.List;

/** The member table's hand-written SQL (the rest is {@link MemberRepository}'s); runs on the caller's transaction. */
@Singleton
public class MemberStore {
    private final Sql sql;

    public MemberStore(Sql sql) {
        this.sql = sql;
    }

    /** The members of a scheme registered in [start, end), counted by ward (a null ward: none given). */
    public List<WardCount> registeredByWard(String schemeId, Instant start, Instant end) {
        return sql.list("SELECT ward, COUNT(*) FROM member WHERE scheme_id = ? AND created_at >= ? AND created_at < ? "
                + "GROUP BY ward", rs -> new WardCount(rs.getString(1), rs.getLong(2)), schemeId, start, end);
    }

    /** Replaces the member's name and card number; the first erasure's moment stands if there was one. */
    public void erase(String memberId, String pseudonym, String blockedCard, Instant erasedAt) {
        sql.update("UPDATE member SET display_name = ?, card_number = ?, erased_at = COALESCE(erased_at, ?) WHERE id = ?",
                pseudonym, blockedCard, erasedAt, memberId);
    }
}

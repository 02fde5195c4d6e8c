package org.timeledger.schemes;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
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

    /**
     * The scheme's members who may be contacted, by name: not erased, and not marked as wanting no
     * contact ({@link ContactMethod#NONE}); with their contact details, where any are recorded.
     */
    public List<ContactRow> contactList(String schemeId) {
        return sql.list("SELECT m.display_name, m.card_number, m.ward, m.deactivated_at, c.preferred_contact, c.phone, "
                + "c.email, c.postal_address FROM member m LEFT JOIN member_contact c ON c.member_id = m.id "
                + "WHERE m.scheme_id = ? AND m.erased_at IS NULL AND (c.preferred_contact IS NULL OR c.preferred_contact <> ?) "
                + "ORDER BY m.display_name, m.id", rs -> new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4) != null, rs.getString(5) == null ? null : ContactMethod.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getString(8)), schemeId, ContactMethod.NONE);
    }

    /** The members of a scheme marked as left before {@code end} and not back since; erased ones not counted. */
    public long leftBefore(String schemeId, Instant end) {
        return sql.single("SELECT COUNT(*) FROM member WHERE scheme_id = ? AND erased_at IS NULL AND deactivated_at IS NOT NULL "
                + "AND deactivated_at < ?", rs -> rs.getLong(1), schemeId, end);
    }

    /** Replaces the member's name and card number; the first erasure's moment stands if there was one. */
    public void erase(String memberId, String pseudonym, String blockedCard, Instant erasedAt) {
        sql.update("UPDATE member SET display_name = ?, card_number = ?, erased_at = COALESCE(erased_at, ?), "
                + "deactivation_reason = NULL WHERE id = ?", pseudonym, blockedCard, erasedAt, memberId);
    }

    public void rename(String memberId, String displayName, String ward) {
        sql.update("UPDATE member SET display_name = ?, ward = ? WHERE id = ?", displayName, ward, memberId);
    }

    /** Sets (or, with nulls, clears) the moment the member left and why. */
    public void deactivate(String memberId, Instant deactivatedAt, String reason) {
        sql.update("UPDATE member SET deactivated_at = ?, deactivation_reason = ? WHERE id = ?", deactivatedAt, reason, memberId);
    }

    /**
     * Members of a scheme after {@code afterId} in id (registration) order, matching the text in
     * their name or the digits in their card number or phone; of one status if given. The status
     * is derived from two moments, so it picks a condition rather than binding a value.
     */
    public List<Member> search(String schemeId, String text, String digits, MemberStatus status, String afterId, int limit) {
        StringBuilder where = new StringBuilder("m.scheme_id = ? AND m.id > ?");
        List<Object> args = new ArrayList<>(List.of(schemeId, afterId));
        if (text != null) {
            where.append(" AND (LOWER(m.display_name) LIKE ?");
            args.add("%" + likeEscaped(text.toLowerCase(Locale.ROOT)) + "%");
            if (digits != null) {
                where.append(" OR m.card_number LIKE ? OR c.phone_digits LIKE ?");
                args.add("%" + digits + "%");
                args.add("%" + digits + "%");
            }
            where.append(")");
        }
        if (status != null) {
            where.append(switch (status) {
                case ACTIVE -> " AND m.erased_at IS NULL AND m.deactivated_at IS NULL";
                case INACTIVE -> " AND m.erased_at IS NULL AND m.deactivated_at IS NOT NULL";
                case ERASED -> " AND m.erased_at IS NOT NULL";
            });
        }
        args.add(limit);
        return sql.list("SELECT m.id, m.scheme_id, m.display_name, m.ward, m.card_number, m.account_id, m.created_at, "
                + "m.erased_at, m.registered_by, m.deactivated_at, m.deactivation_reason FROM member m "
                + "LEFT JOIN member_contact c ON c.member_id = m.id WHERE " + where + " ORDER BY m.id LIMIT ?",
                MemberStore::member, args.toArray());
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), SqlTimes.instant(rs, 7), SqlTimes.instant(rs, 8), rs.getString(9),
                SqlTimes.instant(rs, 10), rs.getString(11));
    }

    /** The text as a LIKE pattern's literal part: its own % and _ (and the escape, a backslash) stand for themselves. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

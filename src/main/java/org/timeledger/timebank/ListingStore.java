package org.timeledger.timebank;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of listings, their responses and matches: lists with optional filters and a search
 * read plainer by hand. Each listing is read with its category and its owner's name. Needs the
 * caller's transaction: a store has no connection of its own.
 */
@Singleton
public class ListingStore {
    private static final String COLUMNS = "l.id, l.scheme_id, l.member_id, l.kind, l.category_id, l.title, "
            + "l.description, l.ward, l.expires_on, l.status, l.created_by, l.created_at, l.closed_at, c.code, c.name, "
            + "c.requires_vetting, m.display_name, "
            + "(SELECT COUNT(*) FROM listing_response r WHERE r.listing_id = l.id)";
    private static final String FROM = " FROM listing l JOIN category c ON c.id = l.category_id "
            + "JOIN member m ON m.id = l.member_id";
    private static final String RESPONSES = "SELECT r.id, r.listing_id, r.member_id, m.display_name, r.message, "
            + "r.created_at FROM listing_response r JOIN member m ON m.id = r.member_id";
    private static final String MATCHES = "SELECT x.id, x.listing_id, x.member_id, m.display_name, x.matched_by, "
            + "x.created_at FROM listing_match x JOIN member m ON m.id = x.member_id";

    private final Sql sql;
    private final String rowLock;

    public ListingStore(Sql sql, @Value("${datasources.default.url:}") String url) {
        this.sql = sql;
        // as ActivityStore's member lock: PostgreSQL's FOR UPDATE would also block the KEY SHARE
        // lock that inserting a row referring to the listing takes (an exchange naming it)
        this.rowLock = url.startsWith("jdbc:postgresql:") ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** The fields a new listing is stored with. */
    public record NewListing(String id, String schemeId, String memberId, ListingKind kind, String categoryId,
                             String title, String description, String ward, LocalDate expiresOn, String createdBy,
                             Instant createdAt) {
    }

    public void insert(NewListing l) {
        sql.update("INSERT INTO listing (id, scheme_id, member_id, kind, category_id, title, description, ward, "
                        + "expires_on, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                l.id(), l.schemeId(), l.memberId(), l.kind(), l.categoryId(), l.title(), l.description(), l.ward(),
                l.expiresOn(), ListingStatus.OPEN, l.createdBy(), l.createdAt());
    }

    public Optional<Listing> find(String id) {
        return sql.first("SELECT " + COLUMNS + FROM + " WHERE l.id = ?", ListingStore::listing, id);
    }

    /** Locks the listing's row, so that changes, closing and matching it happen one after another. */
    public Optional<Listing> lock(String id) {
        return sql.first("SELECT id FROM listing WHERE id = ? " + rowLock, rs -> rs.getString(1), id)
                .flatMap(this::find);
    }

    public void update(String id, String categoryId, String title, String description, String ward, LocalDate expiresOn) {
        sql.update("UPDATE listing SET category_id = ?, title = ?, description = ?, ward = ?, expires_on = ? WHERE id = ?",
                categoryId, title, description, ward, expiresOn, id);
    }

    public void close(String id, Instant at) {
        sql.update("UPDATE listing SET status = ?, closed_at = ? WHERE id = ? AND status = ?",
                ListingStatus.CLOSED, at, id, ListingStatus.OPEN);
    }

    /** What the open list may be narrowed to; nulls are no filter. {@code text} is searched in title and description. */
    public record Filter(String schemeId, LocalDate today, ListingKind kind, String categoryId, String ward, String text) {
    }

    /**
     * Newest first: the scheme's listings open on {@code today} (not closed, not past their last
     * day, their owner not erased) matching the filter, with ids before {@code beforeId} (null: from the newest).
     */
    public List<Listing> open(Filter filter, String beforeId, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + FROM
                + " WHERE l.scheme_id = ? AND l.status = ? AND l.expires_on >= ? AND m.erased_at IS NULL");
        List<Object> args = new ArrayList<>(List.of(filter.schemeId(), ListingStatus.OPEN, filter.today()));
        if (beforeId != null) {
            query.append(" AND l.id < ?");
            args.add(beforeId);
        }
        if (filter.kind() != null) {
            query.append(" AND l.kind = ?");
            args.add(filter.kind());
        }
        if (filter.categoryId() != null) {
            query.append(" AND l.category_id = ?");
            args.add(filter.categoryId());
        }
        if (filter.ward() != null) {
            query.append(" AND LOWER(l.ward) = ?");
            args.add(filter.ward().toLowerCase(Locale.ROOT));
        }
        if (filter.text() != null) {
            query.append(" AND (LOWER(l.title) LIKE ? ESCAPE '!' OR LOWER(l.description) LIKE ? ESCAPE '!')");
            String pattern = "%" + likeEscaped(filter.text().toLowerCase(Locale.ROOT)) + "%";
            args.add(pattern);
            args.add(pattern);
        }
        query.append(" ORDER BY l.id DESC LIMIT ?");
        args.add(limit);
        return sql.list(query.toString(), ListingStore::listing, args.toArray());
    }

    /** A member's own listings, whatever their status, newest first. */
    public List<Listing> ofMember(String memberId, String beforeId, int limit) {
        return beforeId == null
                ? sql.list("SELECT " + COLUMNS + FROM + " WHERE l.member_id = ? ORDER BY l.id DESC LIMIT ?",
                ListingStore::listing, memberId, limit)
                : sql.list("SELECT " + COLUMNS + FROM + " WHERE l.member_id = ? AND l.id < ? ORDER BY l.id DESC LIMIT ?",
                ListingStore::listing, memberId, beforeId, limit);
    }

    public void insertResponse(String id, String listingId, String memberId, String message, Instant at) {
        sql.update("INSERT INTO listing_response (id, listing_id, member_id, message, created_at) VALUES (?, ?, ?, ?, ?)",
                id, listingId, memberId, message, at);
    }

    public Optional<ListingResponse> response(String id) {
        return sql.first(RESPONSES + " WHERE r.id = ?", ListingStore::response, id);
    }

    /** A listing's responses in the order they came, those with ids after {@code afterId}. */
    public List<ListingResponse> responses(String listingId, String afterId, int limit) {
        return sql.list(RESPONSES + " WHERE r.listing_id = ? AND r.id > ? ORDER BY r.id LIMIT ?", ListingStore::response,
                listingId, afterId, limit);
    }

    public Optional<ListingMatch> match(String listingId, String memberId) {
        return sql.first(MATCHES + " WHERE x.listing_id = ? AND x.member_id = ?", ListingStore::match, listingId, memberId);
    }

    public void insertMatch(String id, String listingId, String memberId, String matchedBy, Instant at) {
        sql.update("INSERT INTO listing_match (id, listing_id, member_id, matched_by, created_at) VALUES (?, ?, ?, ?, ?)",
                id, listingId, memberId, matchedBy, at);
    }

    /** Closes every listing of the member and blanks what they wrote in listings and responses. */
    public void forgetMember(String memberId, Instant at) {
        sql.update("UPDATE listing SET status = ?, closed_at = COALESCE(closed_at, ?), title = ?, description = ?, "
                + "ward = NULL WHERE member_id = ?", ListingStatus.CLOSED, at, "", "", memberId);
        sql.update("UPDATE listing_response SET message = ? WHERE member_id = ?", "", memberId);
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Listing listing(ResultSet rs) throws SQLException {
        return new Listing(rs.getString(1), rs.getString(2), rs.getString(3), ListingKind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class),
                ListingStatus.valueOf(rs.getString(10)), rs.getString(11), SqlTimes.instant(rs, 12),
                SqlTimes.instant(rs, 13), rs.getString(14), rs.getString(15), rs.getBoolean(16), rs.getString(17),
                rs.getInt(18));
    }

    private static ListingResponse response(ResultSet rs) throws SQLException {
        return new ListingResponse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                SqlTimes.instant(rs, 6));
    }

    private static ListingMatch match(ResultSet rs) throws SQLException {
        return new ListingMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                SqlTimes.instant(rs, 6));
    }
}

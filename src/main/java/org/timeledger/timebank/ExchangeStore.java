package org.timeledger.timebank;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;
import org.timeledger.support.SqlTimes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The exchange table's SQL. Every method runs on the caller's transaction. */
@Singleton
public class ExchangeStore {
    private static final String COLUMNS = "entry_id, scheme_id, payer_member_id, helper_member_id, minutes, category_id, "
            + "help_date, description, listing_id, payment_request_id, recorded_by, on_behalf_of, recorded_at";

    private final Sql sql;

    ExchangeStore(Sql sql) {
        this.sql = sql;
    }

    void insert(Exchange e) {
        sql.update("INSERT INTO exchange (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.entryId(), e.schemeId(), e.payerMemberId(), e.helperMemberId(), e.minutes(), e.categoryId(), e.date(),
                e.description(), e.listingId(), e.paymentRequestId(), e.recordedBy(), e.onBehalfOf(), e.recordedAt());
    }

    Optional<Exchange> find(String entryId) {
        return sql.first("SELECT " + COLUMNS + " FROM exchange WHERE entry_id = ?", ExchangeStore::exchange, entryId);
    }

    /** Minutes a helper was paid for, per helper and EXCHANGE entry, on a date: whether an entry was reversed is the ledger's to say. */
    record HelpMinutes(String helperMemberId, String entryId, long minutes) {
    }

    List<HelpMinutes> helpOn(Collection<String> helperIds, LocalDate date) {
        List<Object> params = new ArrayList<>(helperIds);
        params.add(date);
        String marks = String.join(", ", Collections.nCopies(helperIds.size(), "?"));
        return sql.list("SELECT helper_member_id, entry_id, minutes FROM exchange WHERE helper_member_id IN (" + marks
                + ") AND help_date = ?", rs -> new HelpMinutes(rs.getString(1), rs.getString(2), rs.getLong(3)), params.toArray());
    }

    /** Which exchanges a list shows: a scheme's, optionally one member's (on either side), one kind of help's, between dates. */
    record Filter(String schemeId, String memberId, String categoryId, LocalDate from, LocalDate to) {
    }

    /** Newest recorded first, those recorded before the exchange {@code beforeEntryId} (null: from the newest). */
    List<Exchange> page(Filter filter, String beforeEntryId, int limit) {
        StringBuilder where = new StringBuilder(" WHERE scheme_id = ?");
        List<Object> params = new ArrayList<>(List.of(filter.schemeId()));
        if (filter.memberId() != null) {
            where.append(" AND (payer_member_id = ? OR helper_member_id = ?)");
            params.add(filter.memberId());
            params.add(filter.memberId());
        }
        if (filter.categoryId() != null) {
            where.append(" AND category_id = ?");
            params.add(filter.categoryId());
        }
        if (filter.from() != null) {
            where.append(" AND help_date >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            where.append(" AND help_date <= ?");
            params.add(filter.to());
        }
        if (beforeEntryId != null) {
            where.append(" AND entry_id < ?");
            params.add(beforeEntryId);
        }
        params.add(limit);
        return sql.list("SELECT " + COLUMNS + " FROM exchange" + where + " ORDER BY entry_id DESC LIMIT ?",
                ExchangeStore::exchange, params.toArray());
    }

    /** A listing's scheme and owner: what an exchange that settles it checks. */
    record ListingOwner(String schemeId, String memberId) {
    }

    Optional<ListingOwner> listingOwner(String listingId) {
        return sql.first("SELECT scheme_id, member_id FROM listing WHERE id = ?",
                rs -> new ListingOwner(rs.getString(1), rs.getString(2)), listingId);
    }

    /** Forgets what an erased member's exchanges say in words; the hours, dates and kinds stay for the books and reports. */
    void forget(String memberId, String description) {
        sql.update("UPDATE exchange SET description = ? WHERE payer_member_id = ? OR helper_member_id = ?",
                description, memberId, memberId);
    }

    private static Exchange exchange(ResultSet rs) throws SQLException {
        return new Exchange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), SqlTimes.instant(rs, 13));
    }
}

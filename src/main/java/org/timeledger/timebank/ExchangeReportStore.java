package org.timeledger.timebank;

import jakarta.inject.Singleton;
import org.timeledger.support.Sql;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Exchanges read for the reports: read-only, on the caller's transaction. */
@Singleton
public class ExchangeReportStore {
    private final Sql sql;

    public ExchangeReportStore(Sql sql) {
        this.sql = sql;
    }

    /** One exchange, as the reports count it: its entry, the kind of help, who paid, who helped, and for how long. */
    record Helped(String entryId, String categoryId, String payerMemberId, String helperMemberId, long minutes) {
    }

    /** The date of the scheme's earliest exchange (back-dated, it may precede the scheme); empty if it has none. */
    Optional<LocalDate> earliestDate(String schemeId) {
        return sql.first("SELECT MIN(help_date) FROM exchange WHERE scheme_id = ?",
                rs -> rs.getObject(1, LocalDate.class), schemeId);
    }

    /**
     * Every exchange whose help is dated in [first, last], reversed or not: one row each, since
     * whether its entry was reversed is the ledger's to say (ExchangeFigures asks it).
     */
    List<Helped> helpedBetween(String schemeId, LocalDate first, LocalDate last) {
        return sql.list("SELECT entry_id, category_id, payer_member_id, helper_member_id, minutes FROM exchange "
                        + "WHERE scheme_id = ? AND help_date >= ? AND help_date <= ?",
                rs -> new Helped(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)),
                schemeId, first, last);
    }
}

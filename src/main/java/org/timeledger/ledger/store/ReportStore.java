package org.timeledger.ledger.store;

import jakarta.inject.Singleton;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.IssuanceTotals;
import org.timeledger.ledger.model.OwnerTypeSum;
import org.timeledger.support.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sums of a scheme's postings for the reports, read-only, on the caller's transaction (a
 * snapshot, so that the sums agree with each other). A period is [start, end) of the entries'
 * posting times; kinds and types are bound as parameters.
 */
@Singleton
public class ReportStore {
    private final Sql sql;

    public ReportStore(Sql sql) {
        this.sql = sql;
    }

    /** Per entry type, the sum of the credit postings of the scheme's entries posted in [start, end). */
    public Map<EntryType, Long> creditsByType(String schemeId, Instant start, Instant end) {
        Map<EntryType, Long> sums = new EnumMap<>(EntryType.class);
        sql.list("SELECT e.type, COALESCE(SUM(p.amount_minutes), 0) FROM journal_entry e "
                        + "JOIN posting p ON p.entry_id = e.id WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? "
                        + "AND p.amount_minutes > 0 GROUP BY e.type",
                rs -> Map.entry(EntryType.valueOf(rs.getString(1)), rs.getLong(2)), schemeId, start, end)
                .forEach(sum -> sums.put(sum.getKey(), sum.getValue()));
        return sums;
    }

    /** Credits created and retired by the scheme's ISSUANCE accounts (all of them) in entries posted in [start, end). */
    public IssuanceTotals issuanceTotals(String schemeId, Instant start, Instant end) {
        return sql.single("SELECT COALESCE(SUM(CASE WHEN p.amount_minutes < 0 THEN -p.amount_minutes ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN p.amount_minutes > 0 THEN p.amount_minutes ELSE 0 END), 0) FROM posting p "
                        + "JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                        + "WHERE a.scheme_id = ? AND a.kind = ? AND e.posted_at >= ? AND e.posted_at < ?",
                rs -> new IssuanceTotals(rs.getLong(1), rs.getLong(2)), schemeId, AccountKind.ISSUANCE, start, end);
    }

    /** The balance column of every account in circulation (not ISSUANCE, not EXPIRED), as it stands now. */
    public long storedBalancesInCirculation(String schemeId) {
        return sql.single("SELECT COALESCE(SUM(balance_minutes), 0) FROM account WHERE scheme_id = ? AND kind <> ? AND kind <> ?",
                rs -> rs.getLong(1), schemeId, AccountKind.ISSUANCE, AccountKind.EXPIRED);
    }

    /** Every account's balance but ISSUANCE's at {@code end} (its entries posted before then), summed by kind. */
    public Map<AccountKind, Long> balancesByKind(String schemeId, Instant end) {
        Map<AccountKind, Long> sums = new EnumMap<>(AccountKind.class);
        sql.list("SELECT a.kind, COALESCE(SUM(p.amount_minutes), 0) FROM posting p "
                        + "JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                        + "WHERE a.scheme_id = ? AND a.kind <> ? AND e.posted_at < ? GROUP BY a.kind",
                rs -> Map.entry(AccountKind.valueOf(rs.getString(1)), rs.getLong(2)), schemeId, AccountKind.ISSUANCE, end)
                .forEach(sum -> sums.put(sum.getKey(), sum.getValue()));
        return sums;
    }

    /**
     * The postings on the scheme's accounts of one kind by entries of the given types posted in
     * [start, end), summed per owner and type.
     */
    public List<OwnerTypeSum> sumsByOwnerAndType(String schemeId, AccountKind kind, Collection<EntryType> types,
                                                 Instant start, Instant end) {
        String marks = String.join(", ", Collections.nCopies(types.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(schemeId, start, end, kind));
        params.addAll(types);
        return sql.list("SELECT a.owner_id, e.type, COALESCE(SUM(p.amount_minutes), 0) "
                        + "FROM posting p JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id "
                        + "WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? AND a.kind = ? "
                        + "AND e.type IN (" + marks + ") GROUP BY a.owner_id, e.type",
                rs -> new OwnerTypeSum(rs.getString(1), EntryType.valueOf(rs.getString(2)), rs.getLong(3)), params.toArray());
    }
}

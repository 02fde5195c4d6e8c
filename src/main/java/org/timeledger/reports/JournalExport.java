package org.timeledger.reports;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.access.Caller;
import org.timeledger.ledger.AccountKind;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.SqlTimes;
import org.timeledger.support.Transactions;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal in hledger's format, for auditors: one transaction per entry, dated in the
 * scheme's time zone, with the entry's id as its code; accounts named by kind and party
 * ({@code member:mem_…}, {@code partner:prt_…}, {@code issuance}), each declared with the
 * party's name as a comment; amounts in whole minutes ({@code 60 min}), so nothing is rounded.
 * `hledger -f export.journal balance` then shows the service's balances.
 */
@Singleton
public class JournalExport {
    private final JdbcOperations jdbc;
    private final Access access;
    private final Transactions transactions;

    public JournalExport(JdbcOperations jdbc, Access access, Transactions transactions) {
        this.jdbc = jdbc;
        this.access = access;
        this.transactions = transactions;
    }

    /** Entries posted in [from, to); one consistent snapshot, so every entry is whole. */
    public String export(Caller caller, String schemeCode, Instant from, Instant to) {
        return transactions.readSnapshot(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            ZoneId zone = ZoneId.of(scheme.timeZone());
            StringBuilder out = new StringBuilder();
            out.append("; Timeledger journal of scheme ").append(scheme.code()).append(" (").append(clean(scheme.name()))
                    .append(")\n; entries posted from ").append(from).append(" to ").append(to)
                    .append(", dated in ").append(zone).append("; amounts in minutes (60 min = 1 credit)\n\n")
                    .append("commodity 1. min\n\n");
            // in a comment hledger reads "word:" as a tag ("type:" even as an account type): no colons there
            accounts(scheme).forEach((name, party) -> out.append("account ").append(name)
                    .append(party.isEmpty() ? "" : "  ; " + party.replace(':', '-')).append('\n'));
            out.append('\n');
            entries(scheme, zone, from, to, out);
            return out.toString();
        });
    }

    /** Every account of the scheme by its journal name, with its party's name. */
    private Map<String, String> accounts(Scheme scheme) {
        return jdbc.prepareStatement("SELECT a.kind, a.owner_id, COALESCE(m.display_name, o.name, p.name, '') FROM account a "
                + "LEFT JOIN member m ON m.id = a.owner_id LEFT JOIN organisation o ON o.id = a.owner_id "
                + "LEFT JOIN partner p ON p.id = a.owner_id WHERE a.scheme_id = ?", ps -> {
            ps.setString(1, scheme.id());
            Map<String, String> accounts = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.put(name(AccountKind.valueOf(rs.getString(1)), rs.getString(2)), clean(rs.getString(3)));
                }
            }
            return accounts;
        });
    }

    private void entries(Scheme scheme, ZoneId zone, Instant from, Instant to, StringBuilder out) {
        jdbc.prepareStatement("SELECT e.id, e.type, e.memo, e.posted_at, a.kind, a.owner_id, p.amount_minutes "
                + "FROM journal_entry e JOIN posting p ON p.entry_id = e.id JOIN account a ON a.id = p.account_id "
                + "WHERE e.scheme_id = ? AND e.posted_at >= ? AND e.posted_at < ? "
                + "ORDER BY e.posted_at, e.id, p.amount_minutes, p.account_id", ps -> {
            ps.setString(1, scheme.id());
            ps.setObject(2, SqlTimes.of(from));
            ps.setObject(3, SqlTimes.of(to));
            ps.setFetchSize(1000);
            String current = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String entry = rs.getString(1);
                    if (!entry.equals(current)) {
                        current = entry;
                        Instant postedAt = SqlTimes.instant(rs, 4);
                        String memo = clean(rs.getString(3));
                        out.append('\n').append(LocalDate.ofInstant(postedAt, zone)).append(" * (").append(entry).append(") ")
                                .append(rs.getString(2)).append(memo.isEmpty() ? "" : ": " + memo)
                                .append("\n    ; posted at ").append(postedAt).append('\n');
                    }
                    out.append("    ").append(name(AccountKind.valueOf(rs.getString(5)), rs.getString(6)))
                            .append("    ").append(rs.getLong(7)).append(" min\n");
                }
            }
            return null;
        });
    }

    static String name(AccountKind kind, String ownerId) {
        return switch (kind) {
            case MEMBER -> "member:" + ownerId;
            case ORGANISATION -> "organisation:" + ownerId;
            case PARTNER -> "partner:" + ownerId;
            case ISSUANCE -> "issuance";
            case COMMUNITY_POT -> "community-pot";
            case EXPIRED -> "expired";
        };
    }

    /** Text for one line of the journal: no control characters, no runs of spaces (which end an account name). */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").replaceAll(" {2,}", " ").strip();
    }
}

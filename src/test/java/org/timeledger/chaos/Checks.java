package org.timeledger.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after the run, read straight from the database the service wrote (and, for
 * reconciliation, asked of the service): each check passes or names what broke it.
 */
final class Checks {
    record Check(String name, boolean passed, String detail) {
    }

    private final Connection db;
    private final String schemeId;
    private final List<Check> results = new ArrayList<>();

    Checks(Connection db, String schemeCode) throws SQLException {
        this.db = db;
        this.schemeId = single("SELECT id FROM scheme WHERE code = ?", schemeCode);
    }

    List<Check> run(JsonNode reconciliation, Traffic traffic) throws SQLException {
        results.clear();
        add("reconciliation balanced", reconciliation.get("balanced").asBoolean(),
                reconciliation.get("entriesChecked").asLong() + " entries, " + reconciliation.get("postingsChecked").asLong()
                        + " postings, " + reconciliation.get("mismatchCount").asLong() + " mismatches");
        add("every request answered", traffic.neverAnswered.isEmpty(), traffic.neverAnswered.isEmpty()
                ? "all answered" : traffic.neverAnswered.size() + ": " + first(traffic.neverAnswered));

        Set<String> stored = strings("SELECT id FROM journal_entry WHERE scheme_id = ?");
        Set<String> acknowledged = traffic.acknowledgedEntries.keySet();
        Set<String> missing = minus(acknowledged, stored);
        // journal_entry.id is unique, so present means once; an entry posted twice under one key
        // would be a second id, which the next check finds
        add("every acknowledged entry present exactly once", missing.isEmpty() && !acknowledged.isEmpty(),
                acknowledged.size() + " acknowledged, " + missing.size() + " missing" + sample(missing));
        Set<String> unasked = minus(stored, acknowledged);
        add("no entry the clients never asked for", unasked.isEmpty(),
                stored.size() + " stored, " + unasked.size() + " not acknowledged to any client" + sample(unasked));

        Set<String> holds = strings("SELECT id FROM redemption WHERE scheme_id = ?");
        Set<String> holdsMissing = minus(traffic.acknowledgedHolds, holds);
        Set<String> holdsUnasked = minus(holds, traffic.acknowledgedHolds);
        add("every acknowledged hold present, none unasked", holdsMissing.isEmpty() && holdsUnasked.isEmpty(),
                holds.size() + " stored, " + traffic.acknowledgedHolds.size() + " acknowledged, " + holdsMissing.size()
                        + " missing, " + holdsUnasked.size() + " unasked" + sample(holdsMissing) + sample(holdsUnasked));

        List<String> belowFloor = rows("SELECT id, balance_minutes, held_minutes, floor_minutes FROM account "
                + "WHERE scheme_id = ? AND floor_minutes IS NOT NULL AND balance_minutes - held_minutes < floor_minutes");
        long withFloor = count("SELECT count(*) FROM account WHERE scheme_id = ? AND floor_minutes IS NOT NULL");
        long lowest = count("SELECT COALESCE(MIN(balance_minutes - held_minutes - floor_minutes), 0) FROM account "
                + "WHERE scheme_id = ? AND floor_minutes IS NOT NULL");
        add("no account below its floor", belowFloor.isEmpty(), withFloor + " accounts with a floor; closest "
                + lowest + " min above it" + sample(belowFloor));

        List<String> heldWrong = rows("SELECT a.id, a.held_minutes, (SELECT COALESCE(SUM(h.amount_minutes), 0) FROM hold h "
                + "WHERE h.account_id = a.id AND h.status = 'HELD') AS open_minutes FROM account a WHERE a.scheme_id = ? "
                + "AND a.held_minutes <> (SELECT COALESCE(SUM(h.amount_minutes), 0) FROM hold h "
                + "WHERE h.account_id = a.id AND h.status = 'HELD')");
        long openHolds = count("SELECT count(*) FROM hold WHERE scheme_id = ? AND status = 'HELD'");
        add("held amounts equal open holds", heldWrong.isEmpty(), openHolds + " holds open" + sample(heldWrong));

        resolvedOnce(traffic);
        return List.copyOf(results);
    }

    /**
     * A hold is captured, voided or expired once at most: its status agrees with its redemption
     * (an entry exactly when captured), refunds never pass what was captured, and no client was
     * told of two resolutions of one hold.
     */
    private void resolvedOnce(Traffic traffic) throws SQLException {
        List<String> inconsistent = rows("SELECT r.id, h.status, r.entry_id, r.captured_minutes, r.refunded_minutes "
                + "FROM redemption r JOIN hold h ON h.id = r.hold_id WHERE r.scheme_id = ? AND ("
                + "(h.status = 'CAPTURED') <> (r.entry_id IS NOT NULL) OR (r.entry_id IS NULL) <> (r.captured_minutes IS NULL) "
                + "OR r.refunded_minutes > COALESCE(r.captured_minutes, 0) "
                + "OR r.refunded_minutes <> (SELECT COALESCE(SUM(f.amount_minutes), 0) FROM refund f WHERE f.redemption_id = r.id))");
        List<String> sharedEntries = rows("SELECT entry_id, count(*) FROM (SELECT entry_id FROM redemption WHERE scheme_id = ? "
                + "AND entry_id IS NOT NULL UNION ALL SELECT f.entry_id FROM refund f JOIN redemption r ON r.id = f.redemption_id "
                + "WHERE r.scheme_id = ?) e GROUP BY entry_id HAVING count(*) > 1", 2);
        List<String> twice = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : traffic.resolutions.entrySet()) {
            if (e.getValue().size() > 1) {
                twice.add(e.getKey() + " " + e.getValue());
            }
        }
        long captured = count("SELECT count(*) FROM hold WHERE scheme_id = ? AND status = 'CAPTURED'");
        long voided = count("SELECT count(*) FROM hold WHERE scheme_id = ? AND status = 'VOIDED'");
        long refunds = count("SELECT count(*) FROM refund f JOIN redemption r ON r.id = f.redemption_id WHERE r.scheme_id = ?");
        add("every hold resolved at most once", inconsistent.isEmpty() && sharedEntries.isEmpty() && twice.isEmpty()
                        && captured > 0 && voided > 0 && refunds > 0,
                captured + " captured, " + voided + " voided, " + refunds + " refunds; " + twice.size()
                        + " resolved twice" + sample(inconsistent) + sample(sharedEntries) + sample(twice));
    }

    private void add(String name, boolean passed, String detail) {
        results.add(new Check(name, passed, detail));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static String sample(java.util.Collection<String> items) {
        return items.isEmpty() ? "" : " (e.g. " + first(items) + ")";
    }

    private static String first(java.util.Collection<String> items) {
        return items.iterator().next();
    }

    private String single(String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("nothing for " + sql + " with " + parameter);
                }
                return rs.getString(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(single(sql, schemeId));
    }

    private Set<String> strings(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, schemeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private List<String> rows(String sql) throws SQLException {
        return rows(sql, 1);
    }

    /** Each row as "a b c"; the scheme id fills {@code parameters} placeholders. */
    private List<String> rows(String sql, int parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                ps.setString(i, schemeId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c > 1 ? " " : "").append(rs.getString(c));
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }
}

package org.timeledger.bench;

import org.timeledger.ledger.model.ChainHash;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Posting;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlTimes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database's ceiling for a gift: the statements the service issues for one
 * {@code POST /v1/me/gifts} (taken from PostgreSQL's statement log), run over plain JDBC by the
 * same number of threads, each on a connection of its own: no HTTP, no JSON, no framework, no
 * pool. The books stay right (the entries are real, their hash chains extended as the ledger
 * does), so the run's closing reconciliation covers these entries too.
 */
final class JdbcCeiling {
    private static final String ACCOUNT_COLUMNS =
            "id, scheme_id, kind, owner_id, balance_minutes, held_minutes, floor_minutes, posting_count, chain_head";
    private static final String MEMBER_COLUMNS = "id, scheme_id, display_name, ward, card_number, account_id, created_at, erased_at";
    private static final String SCHEME_COLUMNS = "id, code, name, member_floor_minutes, hold_minutes, issuance_account_id, "
            + "community_pot_account_id, created_at, backdate_days, weekly_earn_cap_minutes, allocations_required, time_zone";

    /** A member as the SQL needs them: ids only. */
    record Party(String userId, String memberId, String accountId) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final String schemeId;
    private final List<Party> parties;

    private JdbcCeiling(String url, String user, String password, String schemeId, List<Party> parties) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schemeId = schemeId;
        this.parties = parties;
    }

    /** Reads the seeded scheme's members and their logins. */
    static JdbcCeiling of(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("SELECT u.id, m.id, m.account_id, m.scheme_id FROM member m "
                     + "JOIN app_user u ON u.member_id = m.id JOIN scheme s ON s.id = m.scheme_id WHERE s.code = ? ORDER BY m.id")) {
            ps.setString(1, Seeder.SCHEME);
            List<Party> parties = new ArrayList<>();
            String scheme = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parties.add(new Party(rs.getString(1), rs.getString(2), rs.getString(3)));
                    scheme = rs.getString(4);
                }
            }
            return new JdbcCeiling(url, user, password, scheme, parties);
        }
    }

    Load.Result run(int threads, double warmupSeconds, double seconds) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setAutoCommit(false);
                connections.add(c);
            }
            return Load.closed("gift over JDBC", client -> {
                giftAsTheServiceDoes(connections.get(client));
                return Load.Outcome.ok(1, 1);
            }, threads, warmupSeconds, seconds);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private void giftAsTheServiceDoes(Connection c) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(parties.size());
        Party from = parties.get(i);
        Party to = parties.get((i + 1 + random.nextInt(parties.size() - 1)) % parties.size());
        String key = Api.newKey();
        try {
            sessionCheck(c, from.userId());
            query(c, "INSERT INTO idempotency_key (principal, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)",
                    from.userId(), key, sha256(key + to.memberId()), SqlTimes.of(Instant.now()));
            query(c, "SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = ?", from.memberId());
            query(c, "SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = ?", to.memberId());
            String body = post(c, from, to);
            query(c, "SELECT " + SCHEME_COLUMNS + " FROM scheme WHERE id = ?", schemeId);
            query(c, "UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE principal = ? AND idem_key = ?",
                    201, body, from.userId(), key);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static void sessionCheck(Connection c, String userId) throws SQLException {
        c.setReadOnly(true);
        query(c, "SELECT session_epoch FROM app_user WHERE id = ? AND password_hash IS NOT NULL", userId);
        c.commit();
        c.setReadOnly(false);
    }

    /** Locks both accounts in id order, writes the entry, its postings and the new balances and chain heads. */
    private String post(Connection c, Party from, Party to) throws SQLException {
        String first = from.accountId().compareTo(to.accountId()) < 0 ? from.accountId() : to.accountId();
        String second = first.equals(from.accountId()) ? to.accountId() : from.accountId();
        long[] balance = new long[2];
        long[] count = new long[2];
        String[] head = new String[2];
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id IN (?, ?) "
                + "ORDER BY id FOR UPDATE")) {
            ps.setString(1, first);
            ps.setString(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < 2 && rs.next(); i++) {
                    balance[i] = rs.getLong(5);
                    count[i] = rs.getLong(8);
                    head[i] = rs.getString(9);
                }
            }
        }
        long[] delta = {first.equals(from.accountId()) ? -1 : 1, first.equals(from.accountId()) ? 1 : -1};
        String[] ids = {first, second};
        Instant now = ChainHash.storable(Clock.systemUTC().instant());
        List<Posting> postings = List.of(new Posting(from.accountId(), -1), new Posting(to.accountId(), 1));
        JournalEntry entry = new JournalEntry(Ids.newId("ent"), schemeId, EntryType.GIFT, "", from.userId(), now, null, null,
                postings);
        query(c, "INSERT INTO journal_entry (id, scheme_id, type, memo, actor, posted_at, reverses_entry_id, on_behalf_of) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entry.id(), schemeId, "GIFT", "", from.userId(), SqlTimes.of(now), null, null);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO posting (account_id, seq, entry_id, amount_minutes, "
                + "balance_after_minutes, chain_hash) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE account SET balance_minutes = ?, held_minutes = ?, "
                     + "posting_count = ?, chain_head = ? WHERE id = ?")) {
            for (int i = 0; i < 2; i++) {
                long after = balance[i] + delta[i];
                String hash = ChainHash.of(head[i], entry, ids[i], count[i] + 1, delta[i], after);
                set(insert, ids[i], count[i] + 1, entry.id(), delta[i], after, hash);
                insert.addBatch();
                set(update, after, 0L, count[i] + 1, hash, ids[i]);
                update.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        }
        return "{\"id\":\"" + entry.id() + "\",\"schemeCode\":\"" + Seeder.SCHEME + "\",\"type\":\"GIFT\",\"memo\":\"\"}";
    }

    private static void query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, args);
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
    }

    private static void set(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

package org.timeledger.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.ChainHash;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.schemes.CardNumbers;
import org.timeledger.support.Ids;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a large, valid journal straight into a new scheme of a Timeledger PostgreSQL database,
 * so that reconciliation, statements and reports can be measured (and their queries planned)
 * at a size the API would take hours to reach. Used by {@code scripts/reconcile-bench}.
 *
 * <p>The scheme must exist (created through the API) and have no postings yet. The generator
 * adds members, organisations, categories, partners and offers, then entries posted over the
 * last two years: EARN (ISSUANCE to a member, with the approved activity that paid it), GIFT
 * (member to member) and REDEMPTION (member to partner, with its captured hold and
 * redemption), and a few pending activities. Every posting extends its account's hash chain
 * exactly as {@code Ledger.apply} does ({@link ChainHash}); no member goes below the scheme's
 * floor; the accounts' stored balance, posting count and chain head are written at the end,
 * so that the result reconciles. Rows go in with COPY, in one transaction, then ANALYZE.
 *
 * <pre>
 *   java -cp target/test-classes:target/timeledger.jar org.timeledger.bench.JournalGenerator \
 *       JDBC_URL USER PASSWORD SCHEME_CODE [POSTINGS=1000000] [MEMBERS=1000] [SEED=1]
 * </pre>
 */
public final class JournalGenerator {
    private static final int ORGANISATIONS = 10;
    private static final int PARTNERS = 20;
    private static final int OFFERS_PER_PARTNER = 2;
    private static final int PENDING_ACTIVITIES = 20;
    private static final String[] CATEGORIES = {"shopping", "gardening", "befriending", "cooking", "transport"};
    private static final String[] WARDS = {"Camden Town", "Kentish Town", "Gospel Oak", "Belsize", "Highgate",
            "Kilburn", "Regent's Park", "Holborn"};
    private static final byte EARN = 0;
    private static final byte GIFT = 1;
    private static final byte REDEMPTION = 2;

    private final Random random;
    private final String schemeId;
    private final String actor;
    private final Instant now;
    /** The scheme's floor for members (zero or below); members here never go below zero anyway. */
    private final long memberFloor;

    /** Accounts by index: 0 ISSUANCE, then members, organisations, partners. */
    private final List<Account> accounts = new ArrayList<>();
    private final List<String> memberIds = new ArrayList<>();
    private final List<String> organisationIds = new ArrayList<>();
    private final List<String> partnerIds = new ArrayList<>();
    private final List<String> categoryIds = new ArrayList<>();
    private final List<String> offerIds = new ArrayList<>();
    private final List<Long> offerMinutes = new ArrayList<>();
    private int firstMember;
    private int firstPartner;

    // the entries, one slot each, in the order they are applied
    private String[] entryIds;
    private long[] postedMicros;
    private byte[] types;
    private int[] from;
    private int[] to;
    private long[] amounts;
    private int[] offers;

    private JournalGenerator(long seed, String schemeId, String actor, Instant now, long memberFloor) {
        this.random = new Random(seed);
        this.memberFloor = memberFloor;
        this.schemeId = schemeId;
        this.actor = actor;
        this.now = now;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: JournalGenerator JDBC_URL USER PASSWORD SCHEME_CODE [POSTINGS] [MEMBERS] [SEED]");
            System.exit(2);
        }
        int postings = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        int members = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        long seed = args.length > 6 ? Long.parseLong(args[6]) : 1;
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2])) {
            db.setAutoCommit(false);
            JournalGenerator generator = prepare(db, args[3], seed);
            generator.plan(members, postings / 2);
            generator.phase("planned");
            generator.write(db);
            db.commit();
            generator.phase("committed");
            db.setAutoCommit(true);
            // as autovacuum would have long since done on a journal that grew over years: hint bits,
            // visibility map and statistics, so that the first measurement is not of that work
            try (Statement st = db.createStatement()) {
                st.execute("VACUUM (ANALYZE)");
            }
            generator.phase("vacuumed");
        }
        System.out.printf("generated %,d entries and %,d postings on %,d members in %.1f s%n",
                postings / 2, postings / 2 * 2, members, (System.nanoTime() - started) / 1e9);
    }

    private long lastPhase = System.nanoTime();

    /** Prints how long the step that just ended took: where generation spends its time. */
    private void phase(String name) {
        long at = System.nanoTime();
        System.out.printf("  %-14s %5.1f s%n", name, (at - lastPhase) / 1e9);
        lastPhase = at;
    }

    /** Reads the scheme and its ISSUANCE account, which must have no postings yet. */
    private static JournalGenerator prepare(Connection db, String code, long seed) throws SQLException {
        String schemeId;
        String issuanceId;
        long memberFloor;
        try (PreparedStatement ps = db.prepareStatement("SELECT id, issuance_account_id, member_floor_minutes FROM scheme WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no scheme " + code);
                }
                schemeId = rs.getString(1);
                issuanceId = rs.getString(2);
                memberFloor = rs.getLong(3);
            }
        }
        String actor;
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM app_user WHERE username = 'admin'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            actor = rs.getString(1);
        }
        JournalGenerator generator = new JournalGenerator(seed, schemeId, actor, ChainHash.storable(Instant.now()), memberFloor);
        try (PreparedStatement ps = db.prepareStatement("SELECT kind, owner_id, floor_minutes, posting_count, chain_head "
                + "FROM account WHERE id = ?")) {
            ps.setString(1, issuanceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(4) != 0) {
                    throw new IllegalArgumentException("scheme " + code + " already has postings; use a new one");
                }
                generator.accounts.add(new Account(issuanceId, schemeId, AccountKind.ISSUANCE, null, 0, 0, null, 0,
                        rs.getString(5)));
            }
        }
        return generator;
    }

    /** Decides the parties and every entry, keeping members at or above their floor of zero. */
    private void plan(int members, int entries) {
        Instant created = now.minus(800, ChronoUnit.DAYS);
        firstMember = accounts.size();
        for (int i = 0; i < members; i++) {
            String memberId = id("mem", created);
            memberIds.add(memberId);
            accounts.add(Account.open(id("acc", created), schemeId, AccountKind.MEMBER, memberId, memberFloor));
        }
        for (int i = 0; i < ORGANISATIONS; i++) {
            String organisationId = id("org", created);
            organisationIds.add(organisationId);
            accounts.add(Account.open(id("acc", created), schemeId, AccountKind.ORGANISATION, organisationId, 0L));
        }
        firstPartner = accounts.size();
        for (int i = 0; i < PARTNERS; i++) {
            String partnerId = id("prt", created);
            partnerIds.add(partnerId);
            accounts.add(Account.open(id("acc", created), schemeId, AccountKind.PARTNER, partnerId, 0L));
            for (int j = 0; j < OFFERS_PER_PARTNER; j++) {
                offerIds.add(id("ofr", created));
                offerMinutes.add(30L * (1 + random.nextInt(4)));
            }
        }
        for (int i = 0; i < CATEGORIES.length; i++) {
            categoryIds.add(id("cat", created));
        }

        entryIds = new String[entries];
        postedMicros = new long[entries];
        types = new byte[entries];
        from = new int[entries];
        to = new int[entries];
        amounts = new long[entries];
        offers = new int[entries];
        long[] balances = new long[accounts.size()];
        long start = micros(now.minus(730, ChronoUnit.DAYS));
        long step = (micros(now.minus(1, ChronoUnit.HOURS)) - start) / entries;
        for (int e = 0; e < entries; e++) {
            long at = start + e * step + random.nextLong(Math.max(1, step));
            postedMicros[e] = at;
            entryIds[e] = id("ent", instant(at));
            int member = firstMember + random.nextInt(members);
            double kind = random.nextDouble();
            if (kind >= 0.45 && kind < 0.85 && balances[member] >= 15) {
                int other = firstMember + random.nextInt(members - 1);
                other = other >= member ? other + 1 : other;
                set(e, GIFT, member, other, 15 * (1 + random.nextLong(Math.min(16, balances[member] / 15))), -1);
            } else if (kind >= 0.85) {
                int offer = random.nextInt(offerIds.size());
                if (balances[member] >= offerMinutes.get(offer)) {
                    set(e, REDEMPTION, member, firstPartner + offer / OFFERS_PER_PARTNER, offerMinutes.get(offer), offer);
                } else {
                    set(e, EARN, 0, member, 30 + 15 * random.nextInt(15), -1);
                }
            } else {
                set(e, EARN, 0, member, 30 + 15 * random.nextInt(15), -1);
            }
            balances[from[e]] -= amounts[e];
            balances[to[e]] += amounts[e];
        }
    }

    private void set(int e, byte type, int fromAccount, int toAccount, long amount, int offer) {
        types[e] = type;
        from[e] = fromAccount;
        to[e] = toAccount;
        amounts[e] = amount;
        offers[e] = offer;
    }

    private void write(Connection db) throws SQLException {
        Instant created = now.minus(800, ChronoUnit.DAYS);
        PGConnection pg = db.unwrap(PGConnection.class);
        try (Copy copy = new Copy(pg, "account (id, scheme_id, kind, owner_id, balance_minutes, held_minutes, floor_minutes, "
                + "posting_count, chain_head, created_at)")) {
            for (Account a : accounts.subList(1, accounts.size())) {
                copy.row(a.id(), schemeId, a.kind().name(), a.ownerId(), 0, 0, a.floorMinutes(), 0, a.chainHead(), time(created));
            }
        }
        Set<String> cards = new HashSet<>();
        try (Copy copy = new Copy(pg, "member (id, scheme_id, display_name, ward, card_number, account_id, created_at)")) {
            for (int i = 0; i < memberIds.size(); i++) {
                String card = CardNumbers.newNumber();
                while (!cards.add(card)) {
                    card = CardNumbers.newNumber();
                }
                copy.row(memberIds.get(i), schemeId, "Member " + (i + 1), WARDS[i % WARDS.length], card,
                        accounts.get(firstMember + i).id(), time(created));
            }
        }
        int firstOrganisation = firstMember + memberIds.size();
        try (Copy copy = new Copy(pg, "organisation (id, scheme_id, name, ward, account_id, created_at)")) {
            for (int i = 0; i < organisationIds.size(); i++) {
                copy.row(organisationIds.get(i), schemeId, "Organisation " + (i + 1), WARDS[i % WARDS.length],
                        accounts.get(firstOrganisation + i).id(), time(created));
            }
        }
        try (Copy copy = new Copy(pg, "partner (id, scheme_id, name, ward, account_id, created_at)")) {
            for (int i = 0; i < partnerIds.size(); i++) {
                copy.row(partnerIds.get(i), schemeId, "Partner " + (i + 1), WARDS[i % WARDS.length],
                        accounts.get(firstPartner + i).id(), time(created));
            }
        }
        try (Copy copy = new Copy(pg, "category (id, scheme_id, code, name, requires_vetting, created_at)")) {
            for (int i = 0; i < CATEGORIES.length; i++) {
                copy.row(categoryIds.get(i), schemeId, CATEGORIES[i], CATEGORIES[i], "f", time(created));
            }
        }
        try (Copy copy = new Copy(pg, "offer (id, scheme_id, partner_id, title, amount_minutes, weekly_quota, active, "
                + "created_at, updated_at)")) {
            for (int i = 0; i < offerIds.size(); i++) {
                copy.row(offerIds.get(i), schemeId, partnerIds.get(i / OFFERS_PER_PARTNER), "Offer " + (i + 1),
                        offerMinutes.get(i), null, "t", time(created), time(created));
            }
        }
        phase("parties");
        try (Copy copy = new Copy(pg, "journal_entry (id, scheme_id, type, memo, actor, posted_at, reverses_entry_id, on_behalf_of)")) {
            for (int e = 0; e < entryIds.length; e++) {
                copy.row(entryIds[e], schemeId, type(e).name(), memo(e), actor, time(instant(postedMicros[e])), null, null);
            }
        }
        phase("journal_entry");
        writePostings(pg);
        phase("posting");
        writeWorkflow(pg);
        phase("workflow");
        try (PreparedStatement ps = db.prepareStatement("UPDATE account SET balance_minutes = ?, posting_count = ?, "
                + "chain_head = ? WHERE id = ?")) {
            for (Account a : accounts) {
                ps.setLong(1, a.balanceMinutes());
                ps.setLong(2, a.postingCount());
                ps.setString(3, a.chainHead());
                ps.setString(4, a.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Each entry's two postings, debit first, each extending its account's chain as Ledger.apply does. */
    private void writePostings(PGConnection pg) throws SQLException {
        try (Copy copy = new Copy(pg, "posting (account_id, seq, entry_id, amount_minutes, balance_after_minutes, chain_hash)")) {
            for (int e = 0; e < entryIds.length; e++) {
                JournalEntry entry = new JournalEntry(entryIds[e], schemeId, type(e), memo(e), actor,
                        instant(postedMicros[e]), null, null, List.of());
                extend(copy, entry, from[e], -amounts[e]);
                extend(copy, entry, to[e], amounts[e]);
            }
        }
    }

    private void extend(Copy copy, JournalEntry entry, int index, long amount) throws SQLException {
        Account before = accounts.get(index);
        long seq = before.postingCount() + 1;
        long balance = Math.addExact(before.balanceMinutes(), amount);
        String hash = ChainHash.of(before.chainHead(), entry, before.id(), seq, amount, balance);
        copy.row(before.id(), seq, entry.id(), amount, balance, hash);
        accounts.set(index, new Account(before.id(), before.schemeId(), before.kind(), before.ownerId(), balance,
                before.heldMinutes(), before.floorMinutes(), seq, hash));
    }

    /** The activities that EARN entries paid, the holds and redemptions of REDEMPTION entries, and a few pending activities. */
    private void writeWorkflow(PGConnection pg) throws SQLException {
        ZoneId zone = ZoneId.of("Europe/London");
        try (Copy copy = new Copy(pg, "activity (id, scheme_id, member_id, organisation_id, category_id, activity_date, "
                + "minutes, description, status, logged_by, logged_at, decided_by, decided_at, entry_id)")) {
            for (int e = 0; e < entryIds.length; e++) {
                if (types[e] == EARN) {
                    Instant at = instant(postedMicros[e]);
                    copy.row(id("act", at.minusSeconds(3600)), schemeId, memberIds.get(to[e] - firstMember),
                            organisationIds.get(random.nextInt(ORGANISATIONS)), categoryIds.get(random.nextInt(CATEGORIES.length)),
                            LocalDate.ofInstant(at, zone).minusDays(random.nextInt(3)), amounts[e], "Volunteering", "APPROVED",
                            actor, time(at.minusSeconds(3600)), actor, time(at), entryIds[e]);
                }
            }
            for (int i = 0; i < PENDING_ACTIVITIES; i++) {
                Instant at = now.minus(PENDING_ACTIVITIES - i, ChronoUnit.HOURS);
                copy.row(id("act", at), schemeId, memberIds.get(random.nextInt(memberIds.size())),
                        organisationIds.get(random.nextInt(ORGANISATIONS)), categoryIds.get(random.nextInt(CATEGORIES.length)),
                        LocalDate.ofInstant(at, zone), 60, "Volunteering", "PENDING", actor, time(at), null, null, null);
            }
        }
        List<String> holdIds = new ArrayList<>();
        try (Copy copy = new Copy(pg, "hold (id, scheme_id, account_id, amount_minutes, status, expires_at, created_at, resolved_at)")) {
            for (int e = 0; e < entryIds.length; e++) {
                if (types[e] == REDEMPTION) {
                    Instant at = instant(postedMicros[e]);
                    String holdId = id("hld", at.minusSeconds(60));
                    holdIds.add(holdId);
                    copy.row(holdId, schemeId, accounts.get(from[e]).id(), amounts[e], "CAPTURED", time(at.plusSeconds(840)),
                            time(at.minusSeconds(60)), time(at));
                }
            }
        }
        try (Copy copy = new Copy(pg, "redemption (id, scheme_id, partner_id, offer_id, member_id, funding_account_id, hold_id, "
                + "held_minutes, captured_minutes, refunded_minutes, till_reference, created_by, created_at, entry_id, captured_at)")) {
            int h = 0;
            for (int e = 0; e < entryIds.length; e++) {
                if (types[e] == REDEMPTION) {
                    Instant at = instant(postedMicros[e]);
                    copy.row(id("rdm", at.minusSeconds(60)), schemeId, partnerIds.get(to[e] - firstPartner), offerIds.get(offers[e]),
                            memberIds.get(from[e] - firstMember), accounts.get(from[e]).id(), holdIds.get(h++), amounts[e],
                            amounts[e], 0, "till-" + e, actor, time(at.minusSeconds(60)), entryIds[e], time(at));
                }
            }
        }
    }

    private EntryType type(int e) {
        return switch (types[e]) {
            case EARN -> EntryType.EARN;
            case GIFT -> EntryType.GIFT;
            default -> EntryType.REDEMPTION;
        };
    }

    private String memo(int e) {
        return switch (types[e]) {
            case EARN -> "Volunteering";
            case GIFT -> "Thank you";
            default -> "Offer " + (offers[e] + 1);
        };
    }

    /** An id as {@code Ids.newId} makes them, but dated {@code at}, so ids sort as they would have been made. */
    private String id(String prefix, Instant at) {
        return Ids.newId(prefix, at.toEpochMilli(), random);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private static String time(Instant instant) {
        return TIMESTAMP.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** One table's COPY in PostgreSQL's text format, sent in chunks of about 1 MB. Values hold no tabs, newlines or backslashes. */
    private static final class Copy implements AutoCloseable {
        private final CopyIn in;
        private final StringBuilder buffer = new StringBuilder(1 << 20);

        Copy(PGConnection pg, String table) throws SQLException {
            this.in = pg.getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        }

        void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                buffer.append(values[i] == null ? "\\N" : values[i].toString());
            }
            buffer.append('\n');
            if (buffer.length() >= 1 << 20) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            in.endCopy();
        }
    }
}

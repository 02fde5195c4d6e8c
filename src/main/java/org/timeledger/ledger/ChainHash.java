package org.timeledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain that makes edits made directly in the database evident. Each posting's hash
 * covers the previous posting's hash on the same account, the posting itself and everything
 * that identifies its entry, so changing an amount, an account, a date, a memo or a type,
 * or deleting or inserting a posting, breaks the chain where it happened.
 *
 * <p>Fields are length-prefixed so that no two different postings hash the same bytes.
 */
public final class ChainHash {
    /** The previous hash of a posting whose account is unknown (reconciliation's fallback). */
    public static final String NONE = "0".repeat(64);

    private ChainHash() {
    }

    /**
     * Where an account's chain starts: a hash of what the account is (its id, scheme, kind,
     * owner and floor). Changing any of these in the database breaks the chain at its first
     * link, so nobody can, say, lower a floor and then overspend with valid-looking postings.
     */
    public static String genesis(String accountId, String schemeId, AccountKind kind, String ownerId, Long floorMinutes) {
        MessageDigest digest = sha256();
        put(digest, "account");
        put(digest, accountId);
        put(digest, schemeId);
        put(digest, kind.name());
        put(digest, ownerId == null ? "" : ownerId);
        put(digest, floorMinutes == null ? "none" : Long.toString(floorMinutes));
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String genesis(Account account) {
        return genesis(account.id(), account.schemeId(), account.kind(), account.ownerId(), account.floorMinutes());
    }

    public static String of(String previousHash, JournalEntry entry, String accountId, long seq,
                            long amountMinutes, long balanceAfterMinutes) {
        MessageDigest digest = sha256();
        put(digest, previousHash);
        put(digest, entry.id());
        put(digest, entry.schemeId());
        put(digest, entry.type().name());
        put(digest, entry.memo());
        put(digest, entry.actor());
        put(digest, micros(entry.postedAt()));
        put(digest, entry.reversesEntryId() == null ? "" : entry.reversesEntryId());
        put(digest, accountId);
        put(digest, seq);
        put(digest, amountMinutes);
        put(digest, balanceAfterMinutes);
        // added after the first chains were written: only present when set, so they stay valid
        if (entry.onBehalfOf() != null) {
            put(digest, entry.onBehalfOf());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Timestamps are stored with microsecond precision on both databases; hash exactly that. */
    public static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static void put(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        put(digest, bytes.length);
        digest.update(bytes);
    }

    private static void put(MessageDigest digest, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (value >>> shift));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

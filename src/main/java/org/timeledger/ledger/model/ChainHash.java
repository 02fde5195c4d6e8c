package org.timeledger.ledger.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
        return new Fields()
                .put("account")
                .put(accountId)
                .put(schemeId)
                .put(kind.name())
                .put(ownerId == null ? "" : ownerId)
                .put(floorMinutes == null ? "none" : Long.toString(floorMinutes))
                .hash();
    }

    public static String genesis(Account account) {
        return genesis(account.id(), account.schemeId(), account.kind(), account.ownerId(), account.floorMinutes());
    }

    public static String of(String previousHash, JournalEntry entry, String accountId, long seq,
                            long amountMinutes, long balanceAfterMinutes) {
        Fields fields = new Fields()
                .put(previousHash)
                .put(entry.id())
                .put(entry.schemeId())
                .put(entry.type().name())
                .put(entry.memo())
                .put(entry.actor())
                .put(micros(entry.postedAt()))
                .put(entry.reversesEntryId() == null ? "" : entry.reversesEntryId())
                .put(accountId)
                .put(seq)
                .put(amountMinutes)
                .put(balanceAfterMinutes);
        // added after the first chains were written: only present when set, so they stay valid
        if (entry.onBehalfOf() != null) {
            fields.put(entry.onBehalfOf());
        }
        return fields.hash();
    }

    /**
     * A link of an account's chain of floor changes: it covers the link before it (for the first
     * change, the account's genesis hash, which covers the floor it was opened with) and
     * everything the change says. The postings' chain is untouched, so chains written before
     * floors could change stay valid.
     */
    public static String floorChange(String previousHash, String accountId, int seq, Long oldFloorMinutes,
                                     Long newFloorMinutes, String reason, String changedBy, Instant changedAt) {
        return new Fields()
                .put("floor")
                .put(previousHash)
                .put(accountId)
                .put(seq)
                .put(oldFloorMinutes == null ? "none" : Long.toString(oldFloorMinutes))
                .put(newFloorMinutes == null ? "none" : Long.toString(newFloorMinutes))
                .put(reason)
                .put(changedBy)
                .put(micros(changedAt))
                .hash();
    }

    /** Timestamps are stored with microsecond precision on both databases; hash exactly that. */
    public static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    /**
     * The bytes a hash covers: each string as its UTF-8 length (8 bytes, big-endian) and bytes,
     * each number as 8 bytes, big-endian. Gathered in one array and digested at once, because
     * feeding the digest a byte at a time made hashing most of reconciliation's work.
     */
    private static final class Fields {
        private byte[] bytes = new byte[512];
        private int length;

        Fields put(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            put(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            return this;
        }

        Fields put(long value) {
            room(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >>> shift);
            }
            return this;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        String hash() {
            MessageDigest digest = sha256();
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
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

package org.timeledger.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit log's chain, as the journal's (ledger.model.ChainHash): each row's hash is
 * {@code sha256} over the hash of the scheme's row before it ({@link #GENESIS} for the first)
 * and everything the row says, each field length-prefixed (a null as length -1) so that no two
 * different rows hash the same bytes. Editing, removing, inserting or reordering a row breaks
 * the chain where it happened.
 */
public final class AuditHash {
    /** What the first row of a scheme's log follows. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(String previousHash, AuditRecord r) {
        MessageDigest digest = sha256();
        put(digest, "audit");
        put(digest, previousHash);
        put(digest, r.schemeId());
        put(digest, r.sequence());
        put(digest, micros(r.at()));
        put(digest, r.actorId());
        put(digest, r.actorName());
        put(digest, r.actorRole());
        put(digest, r.requestId());
        put(digest, r.action());
        put(digest, r.subjectType());
        put(digest, r.subjectId());
        put(digest, r.changes());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void put(MessageDigest digest, String value) {
        if (value == null) {
            put(digest, -1L);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        put(digest, utf8.length);
        digest.update(utf8);
    }

    private static void put(MessageDigest digest, long value) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (value >>> (56 - 8 * i));
        }
        digest.update(bytes);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package org.timeledger.access;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timeledger.support.RunMode;
import org.timeledger.support.StartupRefused;

import java.time.Instant;
import java.security.SecureRandom;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The key that signs and checks access tokens (HS256). TIMELEDGER_JWT_SECRET when set;
 * otherwise, in development only, one generated on first start and kept in the database, so
 * tokens survive a restart and every instance sharing the database accepts them. In production
 * ({@link RunMode}) the key must be configured, and not be a placeholder.
 */
@Factory
public class JwtSigning {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSigning.class);
    private static final String SECRET_NAME = "jwt-hs256";
    /** 256 bits, what HS256 asks of a key (RFC 7518 §3.2). */
    static final int MIN_SECRET_BYTES = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 8;
    private static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "change-me", "change_me", "changeit",
            "placeholder", "replaceme", "replace-me", "replace_me", "yoursecret", "your-secret", "your_secret");
    private static final String HOW_TO_GENERATE = "Generate one with: openssl rand -base64 48";

    // created at start-up: it may read the database, which must not happen on an event loop
    @io.micronaut.context.annotation.Context
    @Named("generator")
    SignatureGeneratorConfiguration signature(@Value("${timeledger.jwt-secret:}") String configured,
                                              @Value("${datasources.default.url:}") String url, RunMode mode,
                                              SigningKeyStore store, TransactionOperations<Connection> transactions) {
        boolean generated = configured == null || configured.isEmpty();
        if (generated && mode.production()) {
            throw new StartupRefused("TIMELEDGER_MODE=production needs TIMELEDGER_JWT_SECRET, the key that signs access "
                    + "tokens: at least " + MIN_SECRET_BYTES + " bytes of random text, the same on every instance. "
                    + HOW_TO_GENERATE);
        }
        if (!generated) {
            check(configured, mode);
        }
        String secret = generated ? storedSecret(store, transactions) : configured;
        if (generated && url.startsWith("jdbc:h2:")) {
            LOG.warn("Access tokens are signed with a key kept in the database file (./data unless configured): anyone "
                    + "who can read that file or a copy of it could sign tokens. Keep ./data readable by this user only, "
                    + "or set TIMELEDGER_JWT_SECRET, and TIMELEDGER_MODE=production.");
        } else if (generated) {
            LOG.warn("Access tokens are signed with a key kept in the database: anyone who can read the database "
                    + "(a backup, a replica) could sign tokens. Set TIMELEDGER_JWT_SECRET, and TIMELEDGER_MODE=production.");
        }
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setSecret(secret);
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }

    /** A configured key: long enough always; not a placeholder in production (in development, a warning). */
    private static void check(String secret, RunMode mode) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_SECRET_BYTES) {
            throw new StartupRefused("TIMELEDGER_JWT_SECRET is " + bytes + " bytes long; it must be at least "
                    + MIN_SECRET_BYTES + " (256 bits) of random text. " + HOW_TO_GENERATE);
        }
        String placeholder = placeholder(secret);
        if (placeholder != null && mode.production()) {
            throw new StartupRefused("TIMELEDGER_JWT_SECRET looks like a placeholder, not a random key (" + placeholder
                    + "). " + HOW_TO_GENERATE);
        }
        if (placeholder != null) {
            LOG.warn("TIMELEDGER_JWT_SECRET looks like a placeholder ({}); TIMELEDGER_MODE=production would refuse it.",
                    placeholder);
        }
    }

    /**
     * Why a key is obviously not random, or null: a cheap check for the keys people type when
     * told to set one, never a measure of a key's strength. Says nothing of the key itself.
     */
    static String placeholder(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return "it contains the word '" + word + "'";
            }
        }
        for (int period = 1; period <= secret.length() / 4; period++) {
            if (repeats(secret, period)) {
                return "it is a pattern of " + period + " character" + (period == 1 ? "" : "s") + " repeated";
            }
        }
        long distinct = secret.codePoints().distinct().count();
        if (distinct < MIN_DISTINCT_CHARACTERS) {
            return "it has only " + distinct + " different characters";
        }
        return null;
    }

    private static boolean repeats(String text, int period) {
        for (int i = period; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(i - period)) {
                return false;
            }
        }
        return true;
    }

    private static String storedSecret(SigningKeyStore store, TransactionOperations<Connection> transactions) {
        Optional<String> existing = transactions.executeRead(status -> store.find(SECRET_NAME));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            transactions.executeWrite(status -> {
                store.insert(SECRET_NAME, fresh, Instant.now());
                return null;
            });
            LOG.info("Generated a token signing key and stored it in the database (set TIMELEDGER_JWT_SECRET to choose one).");
        } catch (RuntimeException e) {
            LOG.debug("Another instance stored a signing key first", e);
        }
        return transactions.executeRead(status -> store.find(SECRET_NAME))
                .orElseThrow(() -> new IllegalStateException("the token signing key could not be stored"));
    }
}

package org.timeledger.access;

import org.timeledger.support.SqlTimes;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that signs and checks access tokens (HS256). TIMELEDGER_JWT_SECRET when set;
 * otherwise one generated on first start and kept in the database, so tokens survive a
 * restart and every instance sharing the database accepts them.
 */
@Factory
public class JwtSigning {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSigning.class);
    private static final String SECRET_NAME = "jwt-hs256";
    private static final int MIN_SECRET_LENGTH = 32;

    // created at start-up: it may read the database, which must not happen on an event loop
    @io.micronaut.context.annotation.Context
    @Named("generator")
    SignatureGeneratorConfiguration signature(@Value("${timeledger.jwt-secret:}") String configured,
                                              @Value("${datasources.default.url:}") String url,
                                              JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        boolean generated = configured == null || configured.isEmpty();
        String secret = generated ? storedSecret(jdbc, transactions) : configured;
        if (generated && !url.startsWith("jdbc:h2:")) {
            LOG.warn("Access tokens are signed with a key kept in the database: anyone who can read the database "
                    + "(a backup, a replica) could sign tokens. Set TIMELEDGER_JWT_SECRET in production.");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigurationException("TIMELEDGER_JWT_SECRET must be at least " + MIN_SECRET_LENGTH + " characters.");
        }
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setSecret(secret);
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }

    private static String storedSecret(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        Optional<String> existing = transactions.executeRead(status -> read(jdbc));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            transactions.executeWrite(status -> jdbc.prepareStatement(
                    "INSERT INTO service_secret (name, secret, created_at) VALUES (?, ?, ?)", ps -> {
                        ps.setString(1, SECRET_NAME);
                        ps.setString(2, fresh);
                        ps.setObject(3, SqlTimes.of(Instant.now()));
                        return ps.executeUpdate();
                    }));
            LOG.info("Generated a token signing key and stored it in the database (set TIMELEDGER_JWT_SECRET to choose one).");
        } catch (RuntimeException e) {
            LOG.debug("Another instance stored a signing key first", e);
        }
        return transactions.executeRead(status -> read(jdbc))
                .orElseThrow(() -> new IllegalStateException("the token signing key could not be stored"));
    }

    private static Optional<String> read(JdbcOperations jdbc) {
        return jdbc.prepareStatement("SELECT secret FROM service_secret WHERE name = ?", ps -> {
            ps.setString(1, SECRET_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }
}

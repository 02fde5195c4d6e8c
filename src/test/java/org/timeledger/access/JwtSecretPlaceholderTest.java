package org.timeledger.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheap check that refuses, in production, a signing key someone typed rather than generated. */
class JwtSecretPlaceholderTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "abababababababababababababababababababab",
            "0123456701234567012345670123456701234567",
            "change-me-to-a-long-random-value-in-production",
            "PLEASE_CHANGEME_PLEASE_CHANGEME_PLEASE_CHANGEME",
            "your-secret-key-goes-here-and-must-be-long",
            "aaaabbbbccccddddaaaabbbbccccddddaaaacccc"})
    void obviousPlaceholdersAreNamed(String secret) {
        assertThat(JwtSigning.placeholder(secret)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 64})
    void generatedKeysPass(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);

        assertThat(JwtSigning.placeholder(Base64.getEncoder().encodeToString(random))).as("openssl rand -base64").isNull();
        assertThat(JwtSigning.placeholder(HexFormat.of().formatHex(random))).as("openssl rand -hex").isNull();
    }
}

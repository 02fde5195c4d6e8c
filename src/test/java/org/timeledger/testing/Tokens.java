package org.timeledger.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** JWTs made by hand and signed with the test server's key: without the claims the service puts in its own, it refuses them (401). */
public final class Tokens {
    private Tokens() {
    }

    public static String signed(String subject, String... roles) {
        return signed(subject, Instant.now().plusSeconds(600), roles);
    }

    public static String signed(String subject, Instant expires, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .claim("roles", List.of(roles))
                    .issueTime(new Date())
                    .notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(expires))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(ServiceTest.JWT_SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

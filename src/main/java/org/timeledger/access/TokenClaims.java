package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.timeledger.identity.Caller;

import java.util.Date;

/**
 * What an access token must carry to be accepted, beyond a good signature: an expiry
 * ({@code exp}, not passed) and this service as its issuer ({@code iss}, the application's
 * name), a user's id ({@code usr_...}), a session epoch and a login. Only tokens this service
 * issued have them all; a token signed with a leaked key but made by hand without them is refused
 * (401) rather than let past the session check.
 */
@Singleton
public class TokenClaims<T> implements GenericJwtClaimsValidator<T> {
    private final String issuer;

    public TokenClaims(@Value("${micronaut.application.name}") String issuer) {
        this.issuer = issuer;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable T request) {
        Object expires = claims.get(Claims.EXPIRATION_TIME);
        Date expiry = expires instanceof Date d ? d
                : expires instanceof Number n ? new Date(n.longValue() * 1000) : null;
        if (expiry == null || !expiry.after(new Date())) {
            return false; // wall-clock time, as the token's issue and expiry times are
        }
        if (!issuer.equals(claims.get(Claims.ISSUER))) {
            return false;
        }
        return claims.get(Caller.PRINCIPAL_ID) instanceof String user && user.startsWith("usr_")
                && claims.get(Caller.SESSION_EPOCH) instanceof Number
                && claims.get(Caller.LOGIN_ID) instanceof String login && login.startsWith("lgn_");
    }
}

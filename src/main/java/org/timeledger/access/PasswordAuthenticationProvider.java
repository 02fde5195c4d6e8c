package org.timeledger.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a username and password against the stored bcrypt hash, on the blocking executor. */
@Singleton
public class PasswordAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final UserRepository users;
    private final Passwords passwords;

    public PasswordAuthenticationProvider(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        String password = credentials.getSecret();
        if (username == null || password == null) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        Optional<AppUser> user = users.findByUsername(username);
        if (user.isEmpty()) {
            passwords.spendCheckTime(password);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (!passwords.matches(password, user.get().passwordHash())) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        Map<String, Object> attributes = new HashMap<>();
        if (user.get().schemeId() != null) {
            attributes.put("schemeId", user.get().schemeId());
        }
        return AuthenticationResponse.success(user.get().username(), List.of(user.get().role()), attributes);
    }
}

package org.timeledger.access;

import org.timeledger.problem.Refusal;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.generator.RefreshTokenGenerator;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import io.micronaut.security.token.validator.RefreshTokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.timeledger.problem.RejectedException;
import org.timeledger.support.Secrets;
import org.timeledger.support.Transactions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.timeledger.identity.Caller;

/**
 * Refresh tokens for Micronaut Security's {@code POST /oauth/access_token}: opaque random
 * tokens (not JWTs), stored as hashes with an expiry, each of one login ({@link Sessions}). Each
 * is used once: a refresh hands out a new one. The user is looked up again at every refresh, so
 * a disabled login cannot be refreshed.
 */
@Singleton
public class RefreshTokens implements RefreshTokenGenerator, RefreshTokenValidator, RefreshTokenPersistence {
    private static final Pattern FORM = Pattern.compile("tlr_[A-Za-z0-9_-]{43}");

    private final RefreshTokenStore store;
    private final Transactions transactions;
    private final UserRepository users;
    private final Principals principals;
    private final Sessions sessions;
    private final Clock clock;
    private final Duration lifetime;
    private final Scheduler blocking;

    public RefreshTokens(RefreshTokenStore store, Transactions transactions, UserRepository users, Principals principals, Sessions sessions,
                         Clock clock, @Value("${timeledger.refresh-token-lifetime:90d}") Duration lifetime,
                         @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.transactions = transactions;
        this.users = users;
        this.principals = principals;
        this.sessions = sessions;
        this.clock = clock;
        this.lifetime = lifetime;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public @NonNull String createKey(@NonNull Authentication authentication) {
        return "tlr_" + Secrets.randomToken(32);
    }

    @Override
    public @NonNull Optional<String> generate(@NonNull Authentication authentication, @NonNull String key) {
        return Optional.of(key);
    }

    @Override
    public @NonNull Optional<String> validate(@NonNull String refreshToken) {
        return FORM.matcher(refreshToken).matches() ? Optional.of(refreshToken) : Optional.empty();
    }

    /** Called by Micronaut for every refresh token it hands out (the interface method is an event listener). */
    @Override
    public void persistToken(RefreshTokenGeneratedEvent event) {
        var attributes = event.getAuthentication().getAttributes();
        String userId = String.valueOf(attributes.get(Caller.PRINCIPAL_ID));
        String loginId = String.valueOf(attributes.get(Caller.LOGIN_ID));
        Instant now = clock.instant();
        transactions.write(() -> {
            store.insert(Secrets.sha256Hex(event.getRefreshToken()), userId, loginId, now, now.plus(lifetime));
            return null;
        });
    }

    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        return Mono.fromCallable(() -> authenticationFor(refreshToken)).subscribeOn(blocking);
    }

    /**
     * Uses a refresh token up: the refresh hands out a new one of the same login
     * ({@link RotatingTokens}). A token presented again after it was used ends its whole login,
     * for one of the two presenting it is not its owner. Unknown tokens are refused without a write.
     */
    private Authentication authenticationFor(String refreshToken) {
        String hash = Secrets.sha256Hex(refreshToken);
        Instant now = clock.instant();
        RefreshTokenStore.Stored stored = transactions.read(() -> store.find(hash)).orElse(null);
        if (stored == null || stored.loginId() == null || stored.revokedAt() != null || !stored.expiresAt().isAfter(now)) {
            throw invalid();
        }
        if (stored.usedAt() != null) {
            endLogin(stored.loginId(), now);
            throw reused();
        }
        AppUser user = transactions.write(() -> {
            if (!store.markUsed(hash, now)) {
                return null;
            }
            AppUser found = users.findById(stored.userId()).orElse(null);
            return found == null || found.passwordHash() == null || found.inactive() || !sessions.isOpen(stored.loginId())
                    ? null : found;
        });
        if (user == null) {
            // used meanwhile by a simultaneous refresh, ended, or the login was disabled: in the first case
            // the token was presented twice, and ending a login that has ended already changes nothing
            endLogin(stored.loginId(), now);
            throw invalid();
        }
        return principals.of(user, stored.loginId());
    }

    private void endLogin(String loginId, Instant now) {
        transactions.write(() -> {
            sessions.end(loginId, now);
            store.revokeLogin(loginId, now);
            return null;
        });
    }

    private static RejectedException invalid() {
        return new RejectedException(Refusal.UNAUTHORIZED,
                "This refresh token is not valid (expired, used, revoked, or the password was reset): log in again.");
    }

    private static RejectedException reused() {
        return new RejectedException(Refusal.UNAUTHORIZED, "This refresh token was used already, so someone else may "
                + "have a copy: this sign-in has ended on every device that shared it. Log in again.");
    }

    /**
     * Signs one device out: its login ends, and with it the access token and every refresh token
     * of that login. An unknown token changes nothing and writes nothing.
     */
    public void logout(String refreshToken) {
        Instant now = clock.instant();
        transactions.read(() -> store.find(Secrets.sha256Hex(refreshToken)))
                .map(RefreshTokenStore.Stored::loginId)
                .ifPresent(loginId -> endLogin(loginId, now));
    }

    /** Signs a user out everywhere: none of their refresh tokens works any more. */
    public void revokeAllOf(String userId) {
        store.revokeAllOf(userId, clock.instant());
    }
}

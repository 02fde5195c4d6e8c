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
 * tokens (not JWTs), stored as hashes with an expiry, revocable one by one or per user. The
 * user is looked up again at every refresh, so a disabled login cannot be refreshed.
 */
@Singleton
public class RefreshTokens implements RefreshTokenGenerator, RefreshTokenValidator, RefreshTokenPersistence {
    private static final Pattern FORM = Pattern.compile("tlr_[A-Za-z0-9_-]{43}");

    private final RefreshTokenStore store;
    private final Transactions transactions;
    private final UserRepository users;
    private final Principals principals;
    private final Clock clock;
    private final Duration lifetime;
    private final Scheduler blocking;

    public RefreshTokens(RefreshTokenStore store, Transactions transactions, UserRepository users, Principals principals,
                         Clock clock, @Value("${timeledger.refresh-token-lifetime:90d}") Duration lifetime,
                         @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.transactions = transactions;
        this.users = users;
        this.principals = principals;
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
        String userId = String.valueOf(event.getAuthentication().getAttributes().get(Caller.PRINCIPAL_ID));
        Instant now = clock.instant();
        transactions.write(() -> {
            store.insert(Secrets.sha256Hex(event.getRefreshToken()), userId, now, now.plus(lifetime));
            return null;
        });
    }

    @Override
    public Publisher<Authentication> getAuthentication(String refreshToken) {
        return Mono.fromCallable(() -> transactions.read(() -> authenticationFor(refreshToken))).subscribeOn(blocking);
    }

    private Authentication authenticationFor(String refreshToken) {
        String userId = store.userOf(Secrets.sha256Hex(refreshToken), clock.instant()).orElse(null);
        AppUser user = userId == null ? null : users.findById(userId).orElse(null);
        if (user == null || user.passwordHash() == null) {
            throw new RejectedException(Refusal.UNAUTHORIZED,
                    "This refresh token is not valid (expired, revoked, or the password was reset): log in again.");
        }
        return principals.of(user);
    }

    /** Signs one device out: this refresh token stops working. Unknown tokens are ignored. */
    public void revoke(String refreshToken) {
        transactions.write(() -> {
            store.revoke(Secrets.sha256Hex(refreshToken), clock.instant());
            return null;
        });
    }

    /** Signs a user out everywhere: none of their refresh tokens works any more. */
    public void revokeAllOf(String userId) {
        store.revokeAllOf(userId, clock.instant());
    }
}

package org.timeledger.access;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.claims.ClaimsGenerator;
import io.micronaut.security.token.event.AccessTokenGeneratedEvent;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.DefaultAccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.RefreshTokenGenerator;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.security.token.render.TokenRenderer;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Micronaut's token pair generator, except that a refresh ({@code POST /oauth/access_token})
 * hands out a new refresh token in place of the one presented, which {@link RefreshTokens} has
 * marked used: refresh tokens rotate.
 */
@Singleton
@Replaces(DefaultAccessRefreshTokenGenerator.class)
public class RotatingTokens extends DefaultAccessRefreshTokenGenerator {
    public RotatingTokens(AccessTokenConfiguration accessTokenConfiguration, TokenRenderer tokenRenderer,
                          TokenGenerator tokenGenerator, BeanContext beanContext, RefreshTokenGenerator refreshTokenGenerator,
                          ClaimsGenerator claimsGenerator,
                          ApplicationEventPublisher<RefreshTokenGeneratedEvent> refreshTokenGeneratedEventPublisher,
                          ApplicationEventPublisher<AccessTokenGeneratedEvent> accessTokenGeneratedEventPublisher) {
        super(accessTokenConfiguration, tokenRenderer, tokenGenerator, beanContext, refreshTokenGenerator, claimsGenerator,
                refreshTokenGeneratedEventPublisher, accessTokenGeneratedEventPublisher);
    }

    /** At a login: a new refresh token (stored as it is generated) and an access token. */
    @Override
    public @NonNull Optional<AccessRefreshToken> generate(@NonNull Authentication authentication) {
        return generateRefreshToken(authentication).flatMap(fresh -> super.generate(fresh, authentication));
    }

    /** At a refresh: the same, never the used refresh token again. */
    @Override
    public @NonNull Optional<AccessRefreshToken> generate(String usedRefreshToken, @NonNull Authentication authentication) {
        return generate(authentication);
    }
}

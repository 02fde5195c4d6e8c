package org.timeledger.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.validation.Valid;

/**
 * {@code POST /login}, Micronaut Security's contract ({@code access_token}, {@code refresh_token}),
 * answered by our own controller because the framework's cannot say 429 with Retry-After.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {
    private final Logins logins;
    private final RefreshTokens refreshTokens;
    private final ClientAddresses addresses;

    public LoginController(Logins logins, RefreshTokens refreshTokens, ClientAddresses addresses) {
        this.logins = logins;
        this.refreshTokens = refreshTokens;
        this.addresses = addresses;
    }

    @Post("/login")
    public AccessRefreshToken login(HttpRequest<?> http, @Body @Valid AccessRequests.Login request) {
        return logins.login(request.username(), request.password(), addresses.of(http));
    }

    /**
     * Signs a device out: its login ends, so its refresh token and its access token stop working
     * at once. Answers 204 whether or not the token was known, so the answer tells nothing
     * about tokens.
     */
    @Post("/logout")
    @Status(HttpStatus.NO_CONTENT)
    public void logout(@Body @Valid AccessRequests.Logout request) {
        refreshTokens.logout(request.refreshToken());
    }
}

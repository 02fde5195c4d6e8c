package org.timeledger.access;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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

    public LoginController(Logins logins) {
        this.logins = logins;
    }

    @Post("/login")
    public AccessRefreshToken login(@Body @Valid AccessRequests.Login request) {
        return logins.login(request.username(), request.password());
    }
}

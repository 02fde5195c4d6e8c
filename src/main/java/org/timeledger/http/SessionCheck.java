package org.timeledger.http;

import org.timeledger.problem.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import org.timeledger.web.Problems;
import org.timeledger.access.ApiKeyAuthentication;
import org.timeledger.access.Sessions;

import java.util.List;
import java.util.Optional;
import org.timeledger.identity.Caller;

/**
 * Access tokens are signed and last an hour, but a session must be able to end sooner: when a
 * member's password is reset (a lost phone), every token issued before stops working at the next
 * request; when a device signs out, its access token stops working too. Each token carries its
 * user's session epoch and its login; this filter compares the epoch with the stored one, and
 * checks the user can still log in and the login has not ended. One read by primary keys per
 * request with a token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SessionCheck implements Ordered {
    private final Sessions sessions;
    private final ProblemResponses responses;

    public SessionCheck(Sessions sessions, ProblemResponses responses) {
        this.sessions = sessions;
        this.responses = responses;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        Object userId = authentication.map(a -> a.getAttributes().get(Caller.PRINCIPAL_ID)).orElse(null);
        if (userId == null) {
            return null; // anonymous
        }
        if (userId.toString().startsWith("key_") && request.getHeaders().contains(ApiKeyAuthentication.HEADER)) {
            return null; // a till, whose key is checked on every request already
        }
        Object carried = authentication.get().getAttributes().get(Caller.SESSION_EPOCH);
        Object loginId = authentication.get().getAttributes().get(Caller.LOGIN_ID);
        // a token without its epoch or login was not issued by this service (TokenClaims refuses
        // it already): never let one past
        boolean current = userId.toString().startsWith("usr_") && carried instanceof Number n && loginId != null
                && sessions.isCurrent(userId.toString(), loginId.toString(), n.intValue());
        if (current) {
            return null;
        }
        return responses.respond(request, Problems.of(request, Refusal.UNAUTHORIZED,
                "This session has ended (signed out, the password was reset or the login disabled): log in again.", List.of()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}

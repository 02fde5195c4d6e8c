package org.timeledger.volunteering;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.web.Idempotency;
import org.timeledger.query.Page;
import org.timeledger.volunteering.VolunteeringViews.ActivityView;
import org.timeledger.volunteering.VolunteeringViews.OpportunityView;
import org.timeledger.volunteering.VolunteeringViews.RegisterView;

import java.net.URI;

/** Opportunities with sign-up and attendance awards. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OpportunityController {
    private final OpportunityService opportunities;
    private final Idempotency idempotency;

    public OpportunityController(OpportunityService opportunities, Idempotency idempotency) {
        this.opportunities = opportunities;
        this.idempotency = idempotency;
    }

    @Post("/schemes/{code}/opportunities")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<OpportunityView> create(Caller caller, String code,
                                                @Body @Valid VolunteeringRequests.CreateOpportunity request) {
        OpportunityView created = opportunities.create(caller, code, request);
        return HttpResponse.created(created, URI.create("/v1/opportunities/" + created.id()));
    }

    @Get("/schemes/{code}/opportunities")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public Page<OpportunityView> list(Caller caller, String code, @Nullable @QueryValue Integer limit,
                                      @Nullable @QueryValue String cursor) {
        return opportunities.list(caller, code, limit, cursor);
    }

    @Get("/opportunities/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public OpportunityView get(Caller caller, String id) {
        return opportunities.get(caller, id);
    }

    @Post("/opportunities/{id}/signups")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.MEMBER})
    public HttpResponse<ActivityView> signup(HttpRequest<?> request, Caller caller, String id,
                                             @Nullable @Header(Idempotency.HEADER) String key,
                                             @Nullable @Body @Valid VolunteeringRequests.Signup body) {
        // a member signing themselves up may send no body at all
        VolunteeringRequests.Signup signup = body == null ? new VolunteeringRequests.Signup(null) : body;
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, signup), ActivityView.class,
                VolunteeringController::location, () -> opportunities.signup(caller, id, signup));
    }

    @Post("/opportunities/{id}/attendance")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<RegisterView> attendance(HttpRequest<?> request, Caller caller, String id,
                                                 @Nullable @Header(Idempotency.HEADER) String key,
                                                 @Body @Valid VolunteeringRequests.Attendance body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), RegisterView.class,
                view -> "/v1/opportunities/" + id, () -> opportunities.attendance(caller, id, body));
    }
}

package org.timeledger.volunteering;

import org.timeledger.support.Text;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Flags;
import org.timeledger.web.Idempotency;
import org.timeledger.web.LargeUpload;
import org.timeledger.query.Page;
import org.timeledger.ledger.view.LedgerViews;
import org.timeledger.ledger.view.LedgerViews.EntryView;
import org.timeledger.volunteering.ActivityService.ListQuery;
import org.timeledger.volunteering.VolunteeringViews.ActivityView;
import org.timeledger.volunteering.VolunteeringViews.CategoryView;
import org.timeledger.volunteering.VolunteeringViews.RegisterView;
import org.timeledger.volunteering.VolunteeringViews.VettingView;

/** Categories, vetting, activities and their approval, registers, and allocations. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VolunteeringController {
    static final String TEXT_CSV = "text/csv";

    private final Categories categories;
    private final Vetting vetting;
    private final ActivityService activities;
    private final Allocations allocations;
    private final Idempotency idempotency;

    public VolunteeringController(Categories categories, Vetting vetting, ActivityService activities,
                                  Allocations allocations, Idempotency idempotency) {
        this.categories = categories;
        this.vetting = vetting;
        this.activities = activities;
        this.allocations = allocations;
        this.idempotency = idempotency;
    }

    @Post("/schemes/{code}/categories")
    @Secured(Roles.ADMIN)
    public HttpResponse<CategoryView> createCategory(Caller caller, String code,
                                                     @Body @Valid VolunteeringRequests.CreateCategory request) {
        return HttpResponse.created(categories.create(caller, code, request));
    }

    /** All of a scheme's categories: a scheme has a handful, so this list has one page. */
    @Get("/schemes/{code}/categories")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public Page<CategoryView> categories(Caller caller, String code) {
        return new Page<>(categories.list(caller, code), null);
    }

    @Put("/members/{id}/vetting")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public VettingView recordVetting(Caller caller, String id, @Body @Valid VolunteeringRequests.RecordVetting request) {
        return vetting.record(caller, id, request);
    }

    @Get("/members/{id}/vetting")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public VettingView vetting(Caller caller, String id) {
        return vetting.view(caller, id);
    }

    @Post("/schemes/{code}/activities")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<ActivityView> log(HttpRequest<?> request, Caller caller, String code,
                                          @Nullable @Header(Idempotency.HEADER) String key,
                                          @Body @Valid VolunteeringRequests.LogActivity body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), ActivityView.class,
                VolunteeringController::location, () -> activities.log(caller, code, body));
    }

    @Post("/schemes/{code}/activities/register")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<RegisterView> register(HttpRequest<?> request, Caller caller, String code,
                                               @Nullable @Header(Idempotency.HEADER) String key,
                                               @Body @Valid VolunteeringRequests.Register body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), RegisterView.class,
                view -> "/v1/schemes/" + code + "/activities",
                () -> activities.register(caller, code, Registers.of(body)));
    }

    /** The same register uploaded as CSV; the session's details come as query parameters. */
    @Post("/schemes/{code}/activities/register")
    @Consumes(TEXT_CSV)
    @LargeUpload
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<RegisterView> registerCsv(HttpRequest<?> request, Caller caller, String code,
                                                  @Nullable @Header(Idempotency.HEADER) String key,
                                                  @Nullable @QueryValue String organisationId,
                                                  @Nullable @QueryValue String date,
                                                  @Nullable @QueryValue Long minutes,
                                                  @Nullable @QueryValue String categoryCode,
                                                  @Nullable @QueryValue String description,
                                                  @Nullable @QueryValue String approve,
                                                  @Body String csv) {
        VolunteeringRequests.CsvRegister body = new VolunteeringRequests.CsvRegister(organisationId, date, minutes,
                categoryCode, description, Flags.flag("approve", approve), csv);
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), RegisterView.class,
                view -> "/v1/schemes/" + code + "/activities",
                () -> activities.register(caller, code, Registers.of(body)));
    }

    @Get("/schemes/{code}/activities")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR})
    public Page<ActivityView> activities(Caller caller, String code, @Nullable @QueryValue String status,
                                         @Nullable @QueryValue String organisationId,
                                         @Nullable @QueryValue String memberId, @Nullable @QueryValue String from,
                                         @Nullable @QueryValue String to, @Nullable @QueryValue Integer limit,
                                         @Nullable @QueryValue String cursor) {
        return activities.list(caller, code, new ListQuery(status, organisationId, memberId, from, to, limit, cursor));
    }

    @Get("/me/activities")
    @Secured(Roles.MEMBER)
    public Page<ActivityView> myActivities(Caller caller, @Nullable @QueryValue String status,
                                           @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                           @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return activities.mine(caller, new ListQuery(status, null, null, from, to, limit, cursor));
    }

    @Get("/activities/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public ActivityView activity(Caller caller, String id) {
        return activities.get(caller, id);
    }

    @Post("/activities/{id}/approval")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<ActivityView> approve(HttpRequest<?> request, Caller caller, String id,
                                              @Nullable @Header(Idempotency.HEADER) String key) {
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, ""), ActivityView.class,
                () -> activities.approve(caller, id));
    }

    @Post("/activities/{id}/reversal")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<ActivityView> undoApproval(HttpRequest<?> request, Caller caller, String id,
                                                   @Nullable @Header(Idempotency.HEADER) String key,
                                                   @Body @Valid VolunteeringRequests.RejectActivity body) {
        return idempotency.ok(new Idempotency.Call(request, caller.principalId(), key, body), ActivityView.class,
                () -> activities.undoApproval(caller, id, Text.strip(body.reason())));
    }

    @Post("/activities/{id}/rejection")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public ActivityView reject(Caller caller, String id, @Body @Valid VolunteeringRequests.RejectActivity request) {
        return activities.reject(caller, id, request.reason());
    }

    @Post("/schemes/{code}/allocations")
    @Secured(Roles.ADMIN)
    public HttpResponse<EntryView> allocate(HttpRequest<?> request, Caller caller, String code,
                                            @Nullable @Header(Idempotency.HEADER) String key,
                                            @Body @Valid VolunteeringRequests.Allocation body) {
        return idempotency.created(new Idempotency.Call(request, caller.principalId(), key, body), EntryView.class,
                LedgerViews::location, () -> allocations.allocate(caller, code, body));
    }

    static String location(ActivityView activity) {
        return "/v1/activities/" + activity.id();
    }
}

package org.timeledger.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.timeledger.access.AccessViews.PasswordResetCodeView;
import org.timeledger.access.AccessViews.StaffView;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Page;
import org.timeledger.schemes.Scheme;

/** Managing a scheme's staff, and passwords set anew (docs/api-guide.md, "Managing staff"). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StaffController {
    private final Access access;
    private final StaffManagement staff;
    private final PasswordResets resets;
    private final ClientAddresses addresses;

    public StaffController(Access access, StaffManagement staff, PasswordResets resets, ClientAddresses addresses) {
        this.access = access;
        this.staff = staff;
        this.resets = resets;
        this.addresses = addresses;
    }

    @Get("/v1/schemes/{code}/staff")
    @Secured(Roles.ADMIN)
    public Page<StaffView> list(Caller caller, String code, @Nullable @QueryValue String status,
                                @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        Scheme scheme = access.scheme(caller, code);
        return staff.list(scheme, status, cursor, limit);
    }

    @Patch("/v1/staff/{id}")
    @Secured(Roles.ADMIN)
    public StaffView change(Caller caller, String id, @Body @Valid AccessRequests.ChangeStaff request) {
        return staff.change(caller, id, request);
    }

    @Post("/v1/staff/{id}/deactivation")
    @Secured(Roles.ADMIN)
    public StaffView deactivate(Caller caller, String id, @Body @Valid AccessRequests.DeactivateStaff request) {
        return staff.deactivate(caller, id, request.reason());
    }

    @Post("/v1/staff/{id}/reactivation")
    @Secured(Roles.ADMIN)
    public StaffView reactivate(Caller caller, String id) {
        return staff.reactivate(caller, id);
    }

    @Post("/v1/staff/{id}/password-reset")
    @Secured(Roles.ADMIN)
    public HttpResponse<PasswordResetCodeView> issueReset(Caller caller, String id) {
        PasswordResets.Issued issued = resets.issue(caller, id);
        return HttpResponse.created(new PasswordResetCodeView(issued.user().id(), issued.user().username(), issued.code(),
                issued.expiresAt()));
    }

    @Post("/v1/password-reset")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.NO_CONTENT)
    public void redeemReset(@Body @Valid AccessRequests.PasswordReset request) {
        resets.redeem(request.username(), request.code(), request.newPassword());
    }

    @Post("/v1/me/password")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    @Status(HttpStatus.NO_CONTENT)
    public void changeOwnPassword(HttpRequest<?> http, Caller caller, @Body @Valid AccessRequests.ChangePassword request) {
        resets.changeOwn(caller, request.currentPassword(), request.newPassword(), addresses.of(http));
    }
}

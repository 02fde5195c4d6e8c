package org.timeledger.access;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.timeledger.access.AccessViews.ActivatedView;
import org.timeledger.access.AccessViews.ActivationCodeView;
import org.timeledger.access.AccessViews.ApiKeyView;
import org.timeledger.access.AccessViews.NewApiKeyView;
import org.timeledger.access.AccessViews.StaffView;
import org.timeledger.query.Page;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Partner;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;

import java.net.URI;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;

@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccessController {
    private final Access access;
    private final Staff staff;
    private final Activations activations;
    private final ApiKeys apiKeys;
    private final SchemeService schemes;

    public AccessController(Access access, Staff staff, Activations activations, ApiKeys apiKeys, SchemeService schemes) {
        this.schemes = schemes;
        this.access = access;
        this.staff = staff;
        this.activations = activations;
        this.apiKeys = apiKeys;
    }

    @Post("/schemes/{code}/staff")
    @Secured(Roles.ADMIN)
    public HttpResponse<StaffView> createStaff(Caller caller, String code, @Body @Valid AccessRequests.CreateStaff request) {
        Scheme scheme = access.scheme(caller, code);
        Staff.Created created = staff.create(caller, scheme, request);
        AppUser user = created.user();
        return HttpResponse.created(new StaffView(user.id(), user.username(), user.role(), scheme.code(),
                created.organisationIds(), user.ownMemberId(), user.createdAt()));
    }

    /** Names a staff user's own member record (or forgets it, with null): nobody approves credits for it. */
    @Put("/staff/{id}/member")
    @Secured(Roles.ADMIN)
    public StaffView linkMember(Caller caller, String id, @Body @Valid AccessRequests.LinkMember request) {
        Staff.Created linked = staff.linkMember(caller, id, request.memberId());
        AppUser user = linked.user();
        return new StaffView(user.id(), user.username(), user.role(), schemes.codeOf(user.schemeId()),
                linked.organisationIds(), user.ownMemberId(), user.createdAt());
    }

    @Post("/members/{id}/activation-code")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<ActivationCodeView> reissueActivationCode(Caller caller, String id) {
        Member member = access.member(caller, id);
        Activations.Issued issued = activations.reissue(caller, member);
        return HttpResponse.created(new ActivationCodeView(member.id(), issued.code(), issued.expiresAt()));
    }

    @Post("/activation")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public ActivatedView activate(@Body @Valid AccessRequests.Activation request) {
        Activations.Activated activated = activations.activate(request.code(), request.username(), request.password());
        return new ActivatedView(activated.memberId(), activated.username());
    }

    @Post("/partners/{id}/api-keys")
    @Secured(Roles.ADMIN)
    public HttpResponse<NewApiKeyView> createApiKey(Caller caller, String id, @Body @Valid AccessRequests.CreateApiKey request) {
        Partner partner = access.partner(caller, id);
        ApiKeys.Created created = apiKeys.create(caller, partner, request.label());
        ApiKeys.ApiKey key = created.key();
        return HttpResponse.created(new NewApiKeyView(key.id(), key.partnerId(), key.label(), created.secretKey(),
                key.createdAt()), URI.create("/v1/partners/" + partner.id() + "/api-keys"));
    }

    @Get("/partners/{id}/api-keys")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public Page<ApiKeyView> apiKeys(Caller caller, String id) {
        Partner partner = access.partner(caller, id);
        return new Page<>(apiKeys.of(partner).stream().map(ApiKeyView::of).toList(), null);
    }

    @Delete("/api-keys/{id}")
    @Secured(Roles.ADMIN)
    @Status(HttpStatus.NO_CONTENT)
    public void revokeApiKey(Caller caller, String id) {
        apiKeys.revoke(caller, id);
    }
}

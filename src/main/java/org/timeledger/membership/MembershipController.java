package org.timeledger.membership;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.ledger.view.PostingsCsv;
import org.timeledger.schemes.api.SchemeViews.MemberView;

/** A member's details, and their leaving and coming back (staff); the scheme's contact list (administrators). */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MembershipController {
    private final MemberDetails details;
    private final ContactList contacts;

    public MembershipController(MemberDetails details, ContactList contacts) {
        this.details = details;
        this.contacts = contacts;
    }

    @Patch("/members/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public MemberView change(Caller caller, String id, @Body @Valid MemberRequests.ChangeDetails request) {
        return details.change(caller, id, request);
    }

    @Post("/members/{id}/deactivation")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public MemberView deactivate(Caller caller, String id, @Body @Valid MemberRequests.Deactivate request) {
        return details.deactivate(caller, id, request.reason());
    }

    @Post("/members/{id}/reactivation")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public MemberView reactivate(Caller caller, String id) {
        return details.reactivate(caller, id);
    }

    @Get(value = "/schemes/{code}/export/contacts", produces = PostingsCsv.TEXT_CSV)
    @Secured(Roles.ADMIN)
    public HttpResponse<String> contactList(Caller caller, String code) {
        return HttpResponse.ok(contacts.csv(caller, code)).contentType(PostingsCsv.TEXT_CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + code + "-contacts.csv\"");
    }
}

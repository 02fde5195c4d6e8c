package org.timeledger.access;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.timeledger.access.AccessViews.Named;
import org.timeledger.access.AccessViews.SessionView;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Transactions;

import java.util.List;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.identity.Roles;

/** Who am I: what a client shows someone who has just signed in, or a till that has just started. */
@Controller("/v1/session")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionController {
    private final SchemeService schemes;
    private final PartyService parties;
    private final Transactions transactions;

    public SessionController(SchemeService schemes, PartyService parties, Transactions transactions) {
        this.schemes = schemes;
        this.parties = parties;
        this.transactions = transactions;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER, Roles.PARTNER})
    public SessionView session(Authentication authentication, Caller caller) {
        return transactions.read(() -> {
            Scheme scheme = caller.schemeId() == null ? null : schemes.findById(caller.schemeId()).orElseThrow();
            List<Named> organisations = caller.organisationIds().stream().sorted()
                    .flatMap(id -> parties.findOrganisation(id).stream())
                    .map(o -> new Named(o.id(), o.name())).toList();
            Named partner = caller.partnerId() == null ? null
                    : parties.findPartner(caller.partnerId()).map(p -> new Named(p.id(), p.name())).orElseThrow();
            // the name a person sees: a member's own, a till's partner's (the key's id means nothing
            // at a counter), a staff user's username
            String name = partner != null ? partner.name()
                    : caller.memberId() != null && caller.role() == Role.MEMBER
                    ? parties.findMember(caller.memberId()).orElseThrow().displayName()
                    : authentication.getName();
            return new SessionView(caller.role().name(), caller.allSchemes(), name,
                    scheme == null ? null : new Named(scheme.code(), scheme.name()), organisations, caller.memberId(), partner);
        });
    }
}

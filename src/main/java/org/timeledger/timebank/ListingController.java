package org.timeledger.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.query.Page;
import org.timeledger.timebank.ListingViews.ListingView;
import org.timeledger.timebank.ListingViews.MatchView;
import org.timeledger.timebank.ListingViews.ResponseView;

import java.net.URI;

/** Offers and requests: members post and respond, coordinators broker matches. None moves credits. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ListingController {
    private final Listings listings;

    public ListingController(Listings listings) {
        this.listings = listings;
    }

    @Post("/schemes/{code}/listings")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.MEMBER})
    public HttpResponse<ListingView> create(Caller caller, String code, @Body @Valid ListingRequests.CreateListing request) {
        ListingView created = listings.create(caller, code, request);
        return HttpResponse.created(created, URI.create("/v1/listings/" + created.id()));
    }

    @Get("/schemes/{code}/listings")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public Page<ListingView> open(Caller caller, String code, @Nullable @QueryValue String kind,
                                  @Nullable @QueryValue String categoryCode, @Nullable @QueryValue String ward,
                                  @Nullable @QueryValue String q, @Nullable @QueryValue Integer limit,
                                  @Nullable @QueryValue String cursor) {
        return listings.open(caller, code, new Listings.OpenQuery(kind, categoryCode, ward, q, limit, cursor));
    }

    @Get("/me/listings")
    @Secured(Roles.MEMBER)
    public Page<ListingView> mine(Caller caller, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        return listings.mine(caller, limit, cursor);
    }

    @Get("/listings/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.AUDITOR, Roles.MEMBER})
    public ListingView get(Caller caller, String id) {
        return listings.get(caller, id);
    }

    @Patch("/listings/{id}")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.MEMBER})
    public ListingView change(Caller caller, String id, @Body @Valid ListingRequests.ChangeListing request) {
        return listings.change(caller, id, request);
    }

    @Post("/listings/{id}/closure")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.MEMBER})
    public ListingView close(Caller caller, String id) {
        return listings.close(caller, id);
    }

    @Post("/listings/{id}/responses")
    @Secured(Roles.MEMBER)
    public HttpResponse<ResponseView> respond(Caller caller, String id, @Body @Valid ListingRequests.Respond request) {
        return HttpResponse.created(listings.respond(caller, id, request), URI.create("/v1/listings/" + id + "/responses"));
    }

    @Get("/listings/{id}/responses")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.MEMBER})
    public Page<ResponseView> responses(Caller caller, String id, @Nullable @QueryValue Integer limit,
                                        @Nullable @QueryValue String cursor) {
        return listings.responses(caller, id, limit, cursor);
    }

    /** 201 for a new match; 200 with the match made before when the member was matched already. */
    @Post("/listings/{id}/matches")
    @Secured({Roles.ADMIN, Roles.COORDINATOR})
    public HttpResponse<MatchView> match(Caller caller, String id, @Body @Valid ListingRequests.Match request) {
        Listings.Matched matched = listings.match(caller, id, request);
        return matched.created()
                ? HttpResponse.created(matched.match(), URI.create("/v1/listings/" + id))
                : HttpResponse.ok(matched.match());
    }
}

package org.timeledger.events.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Roles;
import org.timeledger.events.api.EventViews.EventPage;

/** The event feed for integrations: what happened in a scheme, resumable from a cursor. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {
    private final EventFeed feed;

    public EventController(EventFeed feed) {
        this.feed = feed;
    }

    @Get("/schemes/{code}/events")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.PARTNER})
    public EventPage events(Caller caller, String code, @Nullable @QueryValue String after,
                            @Nullable @QueryValue Integer limit) {
        return feed.page(caller, code, after, limit);
    }
}

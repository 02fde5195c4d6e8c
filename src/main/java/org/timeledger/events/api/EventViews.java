package org.timeledger.events.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import org.timeledger.events.Event;
import org.timeledger.events.EventStore;

/** Response bodies of the event feed. */
public final class EventViews {
    private EventViews() {
    }

    /**
     * One event. {@code cursor} resumes the feed right after it (as {@code after}), for a
     * consumer that stores its place event by event; ids that do not apply are absent.
     */
    @Serdeable
    public record EventView(String id, String type, Instant occurredAt, String cursor, @Nullable String entryId,
                            @Nullable String entryType, @Nullable Long amountMinutes, @Nullable List<String> accountIds,
                            @Nullable String activityId, @Nullable String organisationId, @Nullable String memberId,
                            @Nullable String redemptionId, @Nullable String refundId, @Nullable String partnerId) {

        static EventView of(EventStore.Stored stored) {
            Event e = stored.event();
            return new EventView(stored.id(), e.type().wireName(), e.occurredAt(), EventFeed.cursor(stored.position()),
                    e.entryId(), e.entryType(), e.amountMinutes(), e.accountIds().isEmpty() ? null : e.accountIds(),
                    e.activityId(), e.organisationId(), e.memberId(), e.redemptionId(), e.refundId(), e.partnerId());
        }
    }

    /**
     * A page of the feed. Unlike other lists, {@code nextCursor} is there whenever {@code items}
     * is not empty, on the last page too: it is where the consumer resumes later. An empty page
     * has none; the consumer asks again with the cursor it has.
     */
    @Serdeable
    public record EventPage(List<EventView> items, @Nullable String nextCursor) {
    }
}

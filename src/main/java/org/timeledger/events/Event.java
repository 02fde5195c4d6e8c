package org.timeledger.events;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened in a scheme, as the feed tells it: its type, when, and the ids of
 * what it affected (only those that apply are set). Ids and amounts only: never a name or a
 * card number. {@code partnerId} is the partner whose till may read it. Built with
 * {@link #of} and the {@code with...} methods by the feature that records it.
 */
public record Event(String schemeId, EventType type, Instant occurredAt, String partnerId, String entryId,
                    String entryType, Long amountMinutes, List<String> accountIds, String activityId, String memberId,
                    String organisationId, String redemptionId, String refundId) {

    public Event {
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
    }

    public static Event of(String schemeId, EventType type, Instant occurredAt) {
        return new Event(schemeId, type, occurredAt, null, null, null, null, List.of(), null, null, null, null, null);
    }

    public Event withPartner(String id) {
        return new Event(schemeId, type, occurredAt, id, entryId, entryType, amountMinutes, accountIds, activityId, memberId,
                organisationId, redemptionId, refundId);
    }

    /** The entry it is about (null when there is none), its type's name and its accounts. */
    public Event withEntry(String id, String typeName, List<String> accounts) {
        return new Event(schemeId, type, occurredAt, partnerId, id, typeName, amountMinutes, accounts, activityId, memberId,
                organisationId, redemptionId, refundId);
    }

    public Event withAmount(long minutes) {
        return new Event(schemeId, type, occurredAt, partnerId, entryId, entryType, minutes, accountIds, activityId, memberId,
                organisationId, redemptionId, refundId);
    }

    public Event withActivity(String id, String organisation) {
        return new Event(schemeId, type, occurredAt, partnerId, entryId, entryType, amountMinutes, accountIds, id, memberId,
                organisation, redemptionId, refundId);
    }

    public Event withMember(String id) {
        return new Event(schemeId, type, occurredAt, partnerId, entryId, entryType, amountMinutes, accountIds, activityId, id,
                organisationId, redemptionId, refundId);
    }

    public Event withRedemption(String id, String refund) {
        return new Event(schemeId, type, occurredAt, partnerId, entryId, entryType, amountMinutes, accountIds, activityId,
                memberId, organisationId, id, refund);
    }
}

package org.timeledger.events;

/** What an event says happened, with the name the feed gives it ({@code entry.posted}, ...). */
public enum EventType {
    ENTRY_POSTED("entry.posted"),
    ACTIVITY_APPROVED("activity.approved"),
    ACTIVITY_REJECTED("activity.rejected"),
    REDEMPTION_HELD("redemption.held"),
    REDEMPTION_CAPTURED("redemption.captured"),
    REDEMPTION_VOIDED("redemption.voided"),
    REDEMPTION_EXPIRED("redemption.expired"),
    REDEMPTION_REFUNDED("redemption.refunded"),
    MEMBER_REGISTERED("member.registered");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventType ofWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no event type " + name);
    }
}

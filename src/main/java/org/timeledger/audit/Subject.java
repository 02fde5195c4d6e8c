package org.timeledger.audit;

import io.micronaut.serde.annotation.Serdeable;

/** What a change was made to: its kind and id. */
@Serdeable
public record Subject(Type type, String id) {

    public enum Type {
        SCHEME, MEMBER, STAFF, TILL_KEY, VETTING, CATEGORY, OFFER, ORGANISATION, PARTNER, BENEFICIARY, OPPORTUNITY,
        ACTIVITY
    }

    public Subject {
        if (type == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subject needs a type and an id");
        }
    }

    public static Subject scheme(String id) {
        return new Subject(Type.SCHEME, id);
    }

    public static Subject member(String id) {
        return new Subject(Type.MEMBER, id);
    }

    public static Subject staff(String id) {
        return new Subject(Type.STAFF, id);
    }

    public static Subject tillKey(String id) {
        return new Subject(Type.TILL_KEY, id);
    }

    public static Subject vetting(String id) {
        return new Subject(Type.VETTING, id);
    }

    public static Subject category(String id) {
        return new Subject(Type.CATEGORY, id);
    }

    public static Subject offer(String id) {
        return new Subject(Type.OFFER, id);
    }

    public static Subject organisation(String id) {
        return new Subject(Type.ORGANISATION, id);
    }

    public static Subject partner(String id) {
        return new Subject(Type.PARTNER, id);
    }

    public static Subject beneficiary(String id) {
        return new Subject(Type.BENEFICIARY, id);
    }

    public static Subject opportunity(String id) {
        return new Subject(Type.OPPORTUNITY, id);
    }

    public static Subject activity(String id) {
        return new Subject(Type.ACTIVITY, id);
    }
}

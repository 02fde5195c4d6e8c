package org.timeledger.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fields a change touched, built up by the service that makes it: a field whose value is
 * the same before and after is left out. Personal data (names of people, phone, email, postal
 * address, notes, ...) goes in with {@link #personal}: recorded as changed, without its values.
 */
public final class Changes {
    private final List<Change> list = new ArrayList<>();

    private Changes() {
    }

    public static Changes of() {
        return new Changes();
    }

    /** A field, kept with its values as text (a number of minutes as a whole number). */
    public Changes field(String name, Object before, Object after) {
        String b = text(before);
        String a = text(after);
        if (!Objects.equals(b, a)) {
            list.add(new Change(name, b, a, false));
        }
        return this;
    }

    /** A field of personal data: recorded as changed when it did, its values never kept. */
    public Changes personal(String name, Object before, Object after) {
        if (!Objects.equals(text(before), text(after))) {
            list.add(new Change(name, null, null, true));
        }
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Change> list() {
        return List.copyOf(list);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }
}

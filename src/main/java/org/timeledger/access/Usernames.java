package org.timeledger.access;

import java.util.Locale;

/** Usernames are case-insensitive: kept and compared in lower case, so 'Admin' cannot pose as 'admin'. */
public final class Usernames {
    private Usernames() {
    }

    public static String normalise(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }
}

package org.timeledger.access;

/** The roles of SPEC §3. Only ADMIN exists so far. */
public final class Roles {
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}

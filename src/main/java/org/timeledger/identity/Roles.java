package org.timeledger.identity;

/** Role names as {@code @Secured} takes them (annotation values must be constants). */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String MEMBER = "MEMBER";
    public static final String PARTNER = "PARTNER";

    private Roles() {
    }
}

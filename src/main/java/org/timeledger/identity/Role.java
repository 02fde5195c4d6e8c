package org.timeledger.identity;

/** The roles (docs/api-guide.md, "Who can do what"). An ADMIN without a scheme (the bootstrap admin) administers every scheme. */
public enum Role {
    ADMIN,
    COORDINATOR,
    AUDITOR,
    MEMBER,
    PARTNER
}

package org.timeledger.identity;

/** The roles of SPEC §3. An ADMIN without a scheme (the bootstrap admin) administers every scheme. */
public enum Role {
    ADMIN,
    COORDINATOR,
    AUDITOR,
    MEMBER,
    PARTNER
}

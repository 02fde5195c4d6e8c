package org.timeledger.ledger.model;

/** What an account belongs to (docs/architecture.md, "How it works"). */
public enum AccountKind {
    MEMBER,
    ORGANISATION,
    PARTNER,
    /** Credits are created by debiting it; its negative balance is the credits outstanding. */
    ISSUANCE,
    COMMUNITY_POT,
    EXPIRED
}

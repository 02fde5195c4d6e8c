package org.timeledger.ledger.model;

import java.util.EnumSet;
import java.util.Set;

import static org.timeledger.ledger.model.AccountKind.COMMUNITY_POT;
import static org.timeledger.ledger.model.AccountKind.EXPIRED;
import static org.timeledger.ledger.model.AccountKind.ISSUANCE;
import static org.timeledger.ledger.model.AccountKind.MEMBER;
import static org.timeledger.ledger.model.AccountKind.ORGANISATION;
import static org.timeledger.ledger.model.AccountKind.PARTNER;

/**
 * The kinds of journal entry, each with the account kinds a two-sided entry of that type may
 * move credits from and to. The ledger checks this on every post, so no feature can, say,
 * mint credits with a GIFT.
 */
public enum EntryType {
    EARN(EnumSet.of(ISSUANCE, ORGANISATION), EnumSet.of(MEMBER)),
    EXCHANGE(EnumSet.of(MEMBER), EnumSet.of(MEMBER)),
    GIFT(EnumSet.of(MEMBER), EnumSet.of(MEMBER)),
    DONATION(EnumSet.of(MEMBER), EnumSet.of(ORGANISATION, COMMUNITY_POT)),
    GRANT(EnumSet.of(COMMUNITY_POT), EnumSet.of(MEMBER)),
    ALLOCATION(EnumSet.of(ISSUANCE), EnumSet.of(ORGANISATION)),
    REDEMPTION(EnumSet.of(MEMBER), EnumSet.of(PARTNER)),
    /** A partner giving back (part of) a redemption: its own entry, linked to the redemption. */
    REFUND(EnumSet.of(PARTNER), EnumSet.of(MEMBER)),
    SETTLEMENT(EnumSet.of(PARTNER), EnumSet.of(ISSUANCE)),
    EXPIRY(EnumSet.of(MEMBER), EnumSet.of(EXPIRED)),
    /** An administrator's correction: credits created from, or returned to, ISSUANCE. */
    ADJUSTMENT(EnumSet.allOf(AccountKind.class), EnumSet.allOf(AccountKind.class)),
    /** The negation of another entry; its postings mirror the original's. */
    REVERSAL(EnumSet.allOf(AccountKind.class), EnumSet.allOf(AccountKind.class));

    private final Set<AccountKind> from;
    private final Set<AccountKind> to;

    EntryType(Set<AccountKind> from, Set<AccountKind> to) {
        this.from = from;
        this.to = to;
    }

    /** Whether a two-sided entry of this type may move credits from one kind to the other. */
    public boolean allows(AccountKind fromKind, AccountKind toKind) {
        if (this == ADJUSTMENT) {
            // exactly one side is the issuance account: credits are minted or retired
            return (fromKind == ISSUANCE) != (toKind == ISSUANCE);
        }
        return from.contains(fromKind) && to.contains(toKind);
    }
}

package org.timeledger.ledger.model;

/**
 * Who posts an entry: the acting principal's id (a user or an API key) and, when they move a
 * member's credits for them (a coordinator recording on a member's behalf), that member's id.
 */
public record Actor(String principalId, String onBehalfOf) {
    public static Actor of(String principalId) {
        return new Actor(principalId, null);
    }
}

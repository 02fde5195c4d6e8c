package org.timeledger.ledger.model;

/**
 * What a scheme's ISSUANCE accounts did in a period: the credits they created (their debits)
 * and those they took back (their credits), in minutes.
 */
public record IssuanceTotals(long issuedMinutes, long retiredMinutes) {
}

package org.timeledger.ledger.model;

import org.timeledger.problem.ProblemCode;

/**
 * The ledger's results: one value per rule an entry or a hold can break, in the order
 * {@code Ledger} checks them (as a TigerBeetle operation has its result codes). The lower-case
 * name is the stable {@code code} of the problem+json answer.
 */
public enum Rejection implements ProblemCode {
    AMOUNT_MUST_BE_POSITIVE("Amount must be positive"),
    AMOUNT_TOO_LARGE("Amount too large"),
    ACCOUNTS_MUST_BE_DIFFERENT("Accounts must be different"),
    POSTINGS_MUST_BALANCE("Postings must sum to zero"),
    ACCOUNT_NOT_FOUND("Account not found"),
    TYPE_NOT_ALLOWED_FOR_ACCOUNTS("Entry type not allowed between these accounts"),
    REVERSAL_NOT_REVERSIBLE("A reversal cannot itself be reversed"),
    REVERSAL_NOT_ALLOWED("This entry is corrected another way"),
    ALREADY_REVERSED("Entry already reversed"),
    INSUFFICIENT_CREDITS("Insufficient credits"),
    BALANCE_OVERFLOW("Balance would overflow"),

    // holds
    HOLD_EXPIRED("The hold has expired"),
    HOLD_NOT_OPEN("The hold was already captured or voided"),
    CAPTURE_EXCEEDS_HELD("Cannot capture more than was held");

    private final String title;

    Rejection(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }
}

package org.timeledger.ledger;

/**
 * Every way a request can be refused, one value per broken rule. The lower-case name is the
 * stable {@code code} of the problem+json answer; the HTTP status is chosen in one place,
 * {@code org.timeledger.http.Problems}.
 */
public enum Rejection {
    // request shape
    VALIDATION_FAILED("The request is not valid"),
    NOT_FOUND("Not found"),
    UNAUTHORIZED("Authentication required"),
    FORBIDDEN("Not allowed"),
    TOO_MANY_ATTEMPTS("Too many failed attempts"),
    RATE_LIMITED("Too many requests"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported Media Type"),
    REQUEST_ENTITY_TOO_LARGE("Request body too large"),

    // access (issue 3)
    USERNAME_TAKEN("This username is taken"),
    ACTIVATION_CODE_INVALID("The activation code is not valid"),

    // idempotency (SPEC §3)
    IDEMPOTENCY_KEY_MISSING("Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED("Idempotency-Key already used for a different request"),
    IDEMPOTENCY_KEY_IN_FLIGHT("A request with this Idempotency-Key is still in progress"),

    // schemes and parties
    SCHEME_CODE_TAKEN("A scheme with this code already exists"),
    RECIPIENT_NOT_FOUND("No such recipient"),

    // volunteering (issue 4)
    RULE_VIOLATED("A rule of the scheme forbids this"),
    ACTIVITY_ALREADY_DECIDED("The activity was already approved or rejected"),
    CATEGORY_CODE_TAKEN("A category with this code already exists"),

    // the ledger's checks, in the order Ledger applies them
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

    // holds and redemption (issue 5)
    HOLD_EXPIRED("The hold has expired"),
    HOLD_NOT_OPEN("The hold was already captured or voided"),
    CAPTURE_EXCEEDS_HELD("Cannot capture more than was held"),
    REFUND_EXCEEDS_CAPTURED("Cannot refund more than was captured"),
    QUOTA_EXHAUSTED("The offer's weekly quota is used up"),
    OFFER_NOT_AVAILABLE("The offer is not available"),

    // infrastructure
    SERVICE_BUSY("The service is busy; retry shortly"),
    DATABASE_UNAVAILABLE("The database cannot be reached; retry shortly");

    private final String title;

    Rejection(String title) {
        this.title = title;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String title() {
        return title;
    }
}

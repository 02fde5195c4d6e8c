package org.timeledger.problem;

/**
 * The application's refusals that are not the ledger's rules: the request's shape, access,
 * idempotency, and the rules of schemes, volunteering and tills. The ledger's own results are
 * {@code ledger.model.Rejection}; {@code web.Problems} maps both to HTTP.
 */
public enum Refusal implements ProblemCode {
    // the request's shape
    VALIDATION_FAILED("The request is not valid"),
    NOT_FOUND("Not found"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported Media Type"),
    REQUEST_ENTITY_TOO_LARGE("Request body too large"),
    URI_TOO_LONG("The address is too long"),
    HEADERS_TOO_LARGE("The request's headers are too large"),

    // access
    UNAUTHORIZED("Authentication required"),
    FORBIDDEN("Not allowed"),
    TOO_MANY_ATTEMPTS("Too many failed attempts"),
    RATE_LIMITED("Too many requests"),
    USERNAME_TAKEN("This username is taken"),
    ACTIVATION_CODE_INVALID("The activation code is not valid"),
    PASSWORD_RESET_CODE_INVALID("The password reset code is not valid"),
    STAFF_INACTIVE("The staff user was deactivated"),
    LAST_ADMINISTRATOR("The scheme's last active administrator must stay one"),

    // idempotency
    IDEMPOTENCY_KEY_MISSING("Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED("Idempotency-Key already used for a different request"),
    IDEMPOTENCY_KEY_IN_FLIGHT("A request with this Idempotency-Key is still in progress"),

    // schemes and parties
    SCHEME_CODE_TAKEN("A scheme with this code already exists"),
    RECIPIENT_NOT_FOUND("No such recipient"),
    MEMBER_INACTIVE("The member has left the scheme"),

    // volunteering
    RULE_VIOLATED("A rule of the scheme forbids this"),
    ACTIVITY_ALREADY_DECIDED("The activity was already approved or rejected"),
    ACTIVITY_NOT_APPROVED("The activity was not approved, so there is no approval to undo"),
    CATEGORY_CODE_TAKEN("A category with this code already exists"),

    // tills
    REFUND_EXCEEDS_CAPTURED("Cannot refund more than was captured"),
    QUOTA_EXHAUSTED("The offer's weekly quota is used up"),
    OFFER_NOT_AVAILABLE("The offer is not available"),
    CARD_BLOCKED("This card was blocked and replaced"),

    // the timebank
    MEMBER_NOT_FOUND("No such member in this scheme"),
    MEMBER_ERASED("The member's personal data was erased"),
    PAYMENT_REQUEST_DECIDED("The payment request was already answered"),
    PAYMENT_REQUEST_EXPIRED("The payment request has expired"),
    LISTING_CLOSED("The listing is closed"),
    LISTING_EXPIRED("The listing has expired"),

    // infrastructure
    SERVICE_BUSY("The service is busy; retry shortly"),
    DATABASE_UNAVAILABLE("The database cannot be reached; retry shortly");

    private final String title;

    Refusal(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }
}

package org.timeledger.ledger;

import java.util.List;

/**
 * A user's request broke a rule. Carries the rule and a sentence for the person who sent it;
 * never a stack trace's worth of detail.
 */
public class RejectedException extends RuntimeException {
    private final Rejection rejection;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public RejectedException(Rejection rejection, String detail) {
        this(rejection, detail, List.of());
    }

    public RejectedException(Rejection rejection, String detail, List<FieldError> errors) {
        this(rejection, detail, errors, null);
    }

    private RejectedException(Rejection rejection, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** One field of a request is invalid: {@code validation_failed}, naming the field. */
    public static RejectedException invalidField(String field, String message) {
        return new RejectedException(Rejection.VALIDATION_FAILED, field + ": " + message + ".",
                List.of(new FieldError(field, message)));
    }

    /** A refusal that lifts by itself: the caller may try again after that many seconds. */
    public static RejectedException retryLater(Rejection rejection, String detail, long retryAfterSeconds) {
        return new RejectedException(rejection, detail, List.of(), retryAfterSeconds);
    }

    /** Seconds after which trying again may succeed, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Rejection rejection() {
        return rejection;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field of a request: where it is and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}

package org.timeledger.ledger;

import java.util.List;

/**
 * A user's request broke a rule. Carries the rule and a sentence for the person who sent it;
 * never a stack trace's worth of detail.
 */
public class RejectedException extends RuntimeException {
    private final Rejection rejection;
    private final List<FieldError> errors;

    public RejectedException(Rejection rejection, String detail) {
        this(rejection, detail, List.of());
    }

    public RejectedException(Rejection rejection, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.errors = List.copyOf(errors);
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

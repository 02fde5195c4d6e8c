package org.timeledger.problem;

import java.util.List;

/**
 * A user's request broke a rule. Carries the rule and a sentence for the person who sent it;
 * never a stack trace's worth of detail.
 */
public class RejectedException extends RuntimeException {
    private final ProblemCode rejection;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;
    private final String rule;
    private final List<LineError> lines;

    public RejectedException(ProblemCode rejection, String detail) {
        this(rejection, detail, List.of());
    }

    public RejectedException(ProblemCode rejection, String detail, List<FieldError> errors) {
        this(rejection, detail, errors, null, null, List.of());
    }

    private RejectedException(ProblemCode rejection, String detail, List<FieldError> errors, Long retryAfterSeconds,
                              String rule, List<LineError> lines) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.rule = rule;
        this.lines = List.copyOf(lines);
    }

    /** A rule of the scheme forbids this: {@code rule_violated}, naming the rule. */
    public static RejectedException ruleViolated(String rule, String detail) {
        return new RejectedException(Refusal.RULE_VIOLATED, detail, List.of(), null, rule, List.of());
    }

    /**
     * A request of many lines (an attendance register) of which some are refused: nothing of it
     * happened, and each refused line says why.
     */
    public static RejectedException linesRefused(ProblemCode rejection, String detail, List<LineError> lines) {
        boolean oneRule = rejection == Refusal.RULE_VIOLATED && lines.stream().map(LineError::rule).distinct().count() == 1;
        String rule = oneRule ? lines.get(0).rule() : null;
        return new RejectedException(rejection, detail, List.of(), null, rule, lines);
    }

    /** One field of a request is invalid: {@code validation_failed}, naming the field. */
    public static RejectedException invalidField(String field, String message) {
        return new RejectedException(Refusal.VALIDATION_FAILED, field + ": " + message + ".",
                List.of(new FieldError(field, message)));
    }

    /** A refusal that lifts by itself: the caller may try again after that many seconds. */
    public static RejectedException retryLater(ProblemCode rejection, String detail, long retryAfterSeconds) {
        return new RejectedException(rejection, detail, List.of(), retryAfterSeconds, null, List.of());
    }

    /** Seconds after which trying again may succeed, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ProblemCode rejection() {
        return rejection;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** For {@code rule_violated}: the rule's stable name, or null. */
    public String rule() {
        return rule;
    }

    public List<LineError> lines() {
        return lines;
    }

    /** One refused line of a many-line request: its number (from 1), the rule it broke and why. */
    public record LineError(int line, String rule, String message) {
    }

    /** One invalid field of a request: where it is and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}

package org.timeledger.problem;

import java.util.Locale;

/**
 * A stable reason a request is refused: the ledger's rules ({@code ledger.model.Rejection}) and
 * the application's other refusals ({@link Refusal}). The lower-case name is the {@code code} of
 * the problem+json answer; its HTTP status is chosen in one place, {@code web.Problems}.
 */
public interface ProblemCode {
    String name();

    /** A short, fixed sentence: the problem's title. */
    String title();

    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

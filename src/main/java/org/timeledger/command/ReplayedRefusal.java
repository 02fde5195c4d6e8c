package org.timeledger.command;

/**
 * A command refused before, sent again with its Idempotency-Key: the stored problem+json is the
 * answer, as it was, marked replayed (the web layer's exception handler sends it).
 */
public class ReplayedRefusal extends RuntimeException {
    private final int status;
    private final String problem;

    public ReplayedRefusal(int status, String problem) {
        super(null, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public String problem() {
        return problem;
    }
}

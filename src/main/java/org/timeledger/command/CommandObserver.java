package org.timeledger.command;

/** Told of each command answered from an earlier one with the same key (metrics count them). */
public interface CommandObserver {
    /** A stored success was given again. */
    void replayedAnswer();

    /** A stored refusal was given again. */
    void replayedRefusal();
}

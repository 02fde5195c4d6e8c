package org.timeledger.command;

/** Told of each command answered from an earlier one with the same key (metrics count them). */
public interface CommandObserver {
    /** A stored answer was given again: a refusal, or a success. */
    void replayed(boolean refusal);
}

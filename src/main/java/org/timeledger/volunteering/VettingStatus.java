package org.timeledger.volunteering;

/** Where a member's safeguarding check stands. Only CLEARED lets them do vetted work. */
public enum VettingStatus {
    NONE, PENDING, CLEARED, EXPIRED
}

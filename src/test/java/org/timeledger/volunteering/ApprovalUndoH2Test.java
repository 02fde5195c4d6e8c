package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class ApprovalUndoH2Test extends ApprovalUndoTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

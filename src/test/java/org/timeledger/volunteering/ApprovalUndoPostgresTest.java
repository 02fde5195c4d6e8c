package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class ApprovalUndoPostgresTest extends ApprovalUndoTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

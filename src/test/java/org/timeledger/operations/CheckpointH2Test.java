package org.timeledger.operations;

import org.timeledger.testing.TestDatabase;

class CheckpointH2Test extends CheckpointTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

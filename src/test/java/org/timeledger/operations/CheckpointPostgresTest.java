package org.timeledger.operations;

import org.timeledger.testing.TestDatabase;

class CheckpointPostgresTest extends CheckpointTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

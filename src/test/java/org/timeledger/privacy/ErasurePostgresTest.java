package org.timeledger.privacy;

import org.timeledger.testing.TestDatabase;

class ErasurePostgresTest extends ErasureTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

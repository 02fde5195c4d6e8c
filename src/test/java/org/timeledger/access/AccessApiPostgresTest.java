package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class AccessApiPostgresTest extends AccessApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class StaffAndKeysPostgresTest extends StaffAndKeysTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class StaffManagementPostgresTest extends StaffManagementTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class StaffManagementH2Test extends StaffManagementTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

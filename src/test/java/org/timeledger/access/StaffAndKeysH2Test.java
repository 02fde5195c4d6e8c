package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class StaffAndKeysH2Test extends StaffAndKeysTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

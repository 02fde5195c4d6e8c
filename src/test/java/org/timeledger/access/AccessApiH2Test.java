package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class AccessApiH2Test extends AccessApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

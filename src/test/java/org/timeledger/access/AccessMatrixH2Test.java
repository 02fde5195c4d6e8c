package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class AccessMatrixH2Test extends AccessMatrixTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

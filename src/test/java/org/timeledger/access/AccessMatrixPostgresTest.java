package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class AccessMatrixPostgresTest extends AccessMatrixTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

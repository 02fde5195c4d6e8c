package org.timeledger.privacy;

import org.timeledger.testing.TestDatabase;

class ErasureH2Test extends ErasureTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.schemes;

import org.timeledger.testing.TestDatabase;

class SchemeApiH2Test extends SchemeApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class ObjectAccessH2Test extends ObjectAccessTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

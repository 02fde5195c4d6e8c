package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class StrictFieldsH2Test extends StrictFieldsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

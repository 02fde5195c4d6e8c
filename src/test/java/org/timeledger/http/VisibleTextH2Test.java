package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class VisibleTextH2Test extends VisibleTextTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.timebank;

import org.timeledger.testing.TestDatabase;

class ListingsH2Test extends ListingsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

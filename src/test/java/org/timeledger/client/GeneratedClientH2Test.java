package org.timeledger.client;

import org.timeledger.testing.TestDatabase;

class GeneratedClientH2Test extends GeneratedClientTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

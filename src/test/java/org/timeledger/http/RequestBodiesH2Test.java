package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class RequestBodiesH2Test extends RequestBodiesTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

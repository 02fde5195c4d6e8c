package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class ApiFuzzH2Test extends ApiFuzzTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

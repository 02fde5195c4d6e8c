package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class ApiFuzzPostgresTest extends ApiFuzzTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

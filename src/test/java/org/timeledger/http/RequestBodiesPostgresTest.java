package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class RequestBodiesPostgresTest extends RequestBodiesTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

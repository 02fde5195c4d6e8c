package org.timeledger.client;

import org.timeledger.testing.TestDatabase;

class GeneratedClientPostgresTest extends GeneratedClientTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

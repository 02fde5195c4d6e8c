package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class StrictFieldsPostgresTest extends StrictFieldsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

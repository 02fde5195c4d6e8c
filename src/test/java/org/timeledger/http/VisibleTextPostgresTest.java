package org.timeledger.http;

import org.timeledger.testing.TestDatabase;

class VisibleTextPostgresTest extends VisibleTextTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

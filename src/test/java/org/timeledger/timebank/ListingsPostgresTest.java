package org.timeledger.timebank;

import org.timeledger.testing.TestDatabase;

class ListingsPostgresTest extends ListingsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

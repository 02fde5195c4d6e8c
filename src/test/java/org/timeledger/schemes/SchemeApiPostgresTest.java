package org.timeledger.schemes;

import org.timeledger.testing.TestDatabase;

class SchemeApiPostgresTest extends SchemeApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class ObjectAccessPostgresTest extends ObjectAccessTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

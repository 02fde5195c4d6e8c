package org.timeledger.events;

import org.timeledger.testing.TestDatabase;

class EventPositionsMigrationPostgresTest extends EventPositionsMigrationTests {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}

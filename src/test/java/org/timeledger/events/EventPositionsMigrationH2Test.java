package org.timeledger.events;

import org.timeledger.testing.TestDatabase;

class EventPositionsMigrationH2Test extends EventPositionsMigrationTests {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}

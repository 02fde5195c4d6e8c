package org.timeledger.events;

import org.timeledger.testing.TestDatabase;

class EventFeedPostgresTest extends EventFeedTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.events;

import org.timeledger.testing.TestDatabase;

class EventFeedH2Test extends EventFeedTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleRunningH2Test extends ConsoleRunningTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

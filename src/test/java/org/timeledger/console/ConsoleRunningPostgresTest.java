package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleRunningPostgresTest extends ConsoleRunningTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

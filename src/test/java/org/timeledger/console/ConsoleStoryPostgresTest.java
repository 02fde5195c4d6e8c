package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleStoryPostgresTest extends ConsoleStoryTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

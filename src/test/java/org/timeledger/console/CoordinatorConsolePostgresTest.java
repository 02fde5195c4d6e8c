package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class CoordinatorConsolePostgresTest extends CoordinatorConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

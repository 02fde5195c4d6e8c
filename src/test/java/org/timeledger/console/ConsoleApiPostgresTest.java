package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleApiPostgresTest extends ConsoleApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

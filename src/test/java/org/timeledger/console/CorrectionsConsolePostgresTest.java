package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class CorrectionsConsolePostgresTest extends CorrectionsConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

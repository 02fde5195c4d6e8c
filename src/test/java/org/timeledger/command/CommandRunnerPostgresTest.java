package org.timeledger.command;

import org.timeledger.testing.TestDatabase;

class CommandRunnerPostgresTest extends CommandRunnerTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

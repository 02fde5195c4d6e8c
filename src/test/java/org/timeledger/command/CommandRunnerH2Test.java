package org.timeledger.command;

import org.timeledger.testing.TestDatabase;

class CommandRunnerH2Test extends CommandRunnerTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

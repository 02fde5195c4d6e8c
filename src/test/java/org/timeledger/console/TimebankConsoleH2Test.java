package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class TimebankConsoleH2Test extends TimebankConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

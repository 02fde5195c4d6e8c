package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class CoordinatorConsoleH2Test extends CoordinatorConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

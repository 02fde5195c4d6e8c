package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class StaffConsoleH2Test extends StaffConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

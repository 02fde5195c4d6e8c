package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class AdminConsoleH2Test extends AdminConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class TillConsoleH2Test extends TillConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

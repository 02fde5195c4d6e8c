package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class CorrectionsConsoleH2Test extends CorrectionsConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

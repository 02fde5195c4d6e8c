package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class AuditConsoleH2Test extends AuditConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

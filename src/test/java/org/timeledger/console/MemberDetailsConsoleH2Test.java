package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class MemberDetailsConsoleH2Test extends MemberDetailsConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

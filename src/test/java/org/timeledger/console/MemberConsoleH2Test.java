package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class MemberConsoleH2Test extends MemberConsoleTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleApiH2Test extends ConsoleApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

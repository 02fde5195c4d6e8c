package org.timeledger.console;

import org.timeledger.testing.TestDatabase;

class ConsoleStoryH2Test extends ConsoleStoryTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

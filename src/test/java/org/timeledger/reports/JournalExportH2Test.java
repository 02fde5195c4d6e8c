package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class JournalExportH2Test extends JournalExportTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

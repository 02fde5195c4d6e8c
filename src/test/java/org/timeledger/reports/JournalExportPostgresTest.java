package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class JournalExportPostgresTest extends JournalExportTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

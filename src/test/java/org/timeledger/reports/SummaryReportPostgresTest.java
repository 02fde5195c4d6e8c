package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class SummaryReportPostgresTest extends SummaryReportTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

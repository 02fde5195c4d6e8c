package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class SummaryReportH2Test extends SummaryReportTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class PublicSummaryH2Test extends PublicSummaryTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

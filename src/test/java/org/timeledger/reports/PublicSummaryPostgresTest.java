package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class PublicSummaryPostgresTest extends PublicSummaryTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

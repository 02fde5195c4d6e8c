package org.timeledger.operations;

import org.timeledger.testing.TestDatabase;

class MetricsPostgresTest extends MetricsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.operations;

import org.timeledger.testing.TestDatabase;

class MetricsH2Test extends MetricsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

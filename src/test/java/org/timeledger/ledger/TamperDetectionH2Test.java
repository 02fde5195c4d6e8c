package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class TamperDetectionH2Test extends TamperDetectionTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

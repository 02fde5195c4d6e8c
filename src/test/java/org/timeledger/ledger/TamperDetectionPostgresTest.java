package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class TamperDetectionPostgresTest extends TamperDetectionTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

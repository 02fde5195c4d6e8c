package org.timeledger.redemption;

import org.timeledger.testing.TestDatabase;

class RedemptionPostgresTest extends RedemptionTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

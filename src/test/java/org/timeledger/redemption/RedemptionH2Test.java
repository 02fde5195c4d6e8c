package org.timeledger.redemption;

import org.timeledger.testing.TestDatabase;

class RedemptionH2Test extends RedemptionTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerApiH2Test extends LedgerApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

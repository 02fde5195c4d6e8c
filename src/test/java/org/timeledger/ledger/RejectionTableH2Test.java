package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class RejectionTableH2Test extends RejectionTableTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

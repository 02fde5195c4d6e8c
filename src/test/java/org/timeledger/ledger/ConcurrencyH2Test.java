package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class ConcurrencyH2Test extends ConcurrencyTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerSimulationH2Test extends LedgerSimulationTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

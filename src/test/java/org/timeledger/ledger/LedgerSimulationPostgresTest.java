package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerSimulationPostgresTest extends LedgerSimulationTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

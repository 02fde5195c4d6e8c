package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerApiPostgresTest extends LedgerApiTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class ConcurrencyPostgresTest extends ConcurrencyTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class RejectionTablePostgresTest extends RejectionTableTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

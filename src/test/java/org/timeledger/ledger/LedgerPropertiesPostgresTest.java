package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerPropertiesPostgresTest extends LedgerProperties {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

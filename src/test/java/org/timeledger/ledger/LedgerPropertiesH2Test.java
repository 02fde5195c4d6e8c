package org.timeledger.ledger;

import org.timeledger.testing.TestDatabase;

class LedgerPropertiesH2Test extends LedgerProperties {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

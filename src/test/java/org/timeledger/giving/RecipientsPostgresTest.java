package org.timeledger.giving;

import org.timeledger.testing.TestDatabase;

class RecipientsPostgresTest extends RecipientsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

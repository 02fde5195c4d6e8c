package org.timeledger.giving;

import org.timeledger.testing.TestDatabase;

class RecipientsH2Test extends RecipientsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

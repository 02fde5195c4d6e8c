package org.timeledger.timebank;

import org.timeledger.testing.TestDatabase;

class ExchangesH2Test extends ExchangesTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

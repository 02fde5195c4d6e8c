package org.timeledger.timebank;

import org.timeledger.testing.TestDatabase;

class ExchangesPostgresTest extends ExchangesTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

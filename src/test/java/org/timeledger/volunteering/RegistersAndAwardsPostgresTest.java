package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class RegistersAndAwardsPostgresTest extends RegistersAndAwardsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class RegistersAndAwardsH2Test extends RegistersAndAwardsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

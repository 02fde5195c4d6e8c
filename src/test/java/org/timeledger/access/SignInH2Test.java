package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class SignInH2Test extends SignInTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class SessionsAndLoginsH2Test extends SessionsAndLoginsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

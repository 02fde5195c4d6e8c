package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class SessionsAndLoginsPostgresTest extends SessionsAndLoginsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

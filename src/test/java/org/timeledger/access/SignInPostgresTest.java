package org.timeledger.access;

import org.timeledger.testing.TestDatabase;

class SignInPostgresTest extends SignInTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.giving;

import org.timeledger.testing.TestDatabase;

class MembersAppPostgresTest extends MembersAppTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

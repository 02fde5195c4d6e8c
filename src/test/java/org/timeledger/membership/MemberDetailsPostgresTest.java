package org.timeledger.membership;

import org.timeledger.testing.TestDatabase;

class MemberDetailsPostgresTest extends MemberDetailsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

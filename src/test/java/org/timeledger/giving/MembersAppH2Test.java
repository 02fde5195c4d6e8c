package org.timeledger.giving;

import org.timeledger.testing.TestDatabase;

class MembersAppH2Test extends MembersAppTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

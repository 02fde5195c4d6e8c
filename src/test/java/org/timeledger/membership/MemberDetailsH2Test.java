package org.timeledger.membership;

import org.timeledger.testing.TestDatabase;

class MemberDetailsH2Test extends MemberDetailsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.audit;

import org.timeledger.testing.TestDatabase;

class AuditTrailH2Test extends AuditTrailTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

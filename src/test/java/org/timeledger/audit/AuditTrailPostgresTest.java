package org.timeledger.audit;

import org.timeledger.testing.TestDatabase;

class AuditTrailPostgresTest extends AuditTrailTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

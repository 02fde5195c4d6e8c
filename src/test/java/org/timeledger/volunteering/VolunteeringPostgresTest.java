package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class VolunteeringPostgresTest extends VolunteeringTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

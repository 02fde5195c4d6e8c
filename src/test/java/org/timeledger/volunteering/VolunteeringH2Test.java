package org.timeledger.volunteering;

import org.timeledger.testing.TestDatabase;

class VolunteeringH2Test extends VolunteeringTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

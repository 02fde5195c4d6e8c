package org.timeledger.schemes;

import org.timeledger.testing.TestDatabase;

class SchemeSettingsPostgresTest extends SchemeSettingsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}

package org.timeledger.schemes;

import org.timeledger.testing.TestDatabase;

class SchemeSettingsH2Test extends SchemeSettingsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

package org.timeledger.reports;

import org.timeledger.testing.TestDatabase;

class CsvExportsH2Test extends CsvExportsTests {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}

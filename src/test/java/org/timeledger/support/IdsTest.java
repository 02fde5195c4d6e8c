package org.timeledger.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void idsArePrefixedOpaqueAndUnique() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            String id = Ids.newId("acc");
            assertThat(id).matches("acc_[0-9A-HJKMNP-TV-Z]{26}");
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void idsMadeInLaterMillisecondsSortLater() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Ids.newId("mem"));
            Thread.sleep(2);
        }
        assertThat(ids).isSorted();
    }

    @Test
    void orderedIdsSortInTheOrderTheyWereMadeWithinAMillisecondToo() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newOrderedId("evt"));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.matches("evt_[0-9A-HJKMNP-TV-Z]{26}"));
    }
}

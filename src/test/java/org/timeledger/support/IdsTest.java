package org.timeledger.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

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
    void idsMadeInLaterMillisecondsSortLater() {
        // each a millisecond after the one before, given rather than waited for (newId(prefix) is
        // this with the current time); their random parts fall, so only the time part orders them
        long now = System.currentTimeMillis();
        byte[] falling = {(byte) 0xff, (byte) 0xc0, (byte) 0x80, 0x40, 0x00};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < falling.length; i++) {
            ids.add(Ids.newId("mem", now + i, allBytes(falling[i])));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.matches("mem_[0-9A-HJKMNP-TV-Z]{26}"));
    }

    /** A "random" source whose bytes are all {@code value}. */
    private static Random allBytes(byte value) {
        return new Random() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, value);
            }
        };
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

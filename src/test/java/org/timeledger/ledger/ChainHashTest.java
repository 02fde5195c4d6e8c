package org.timeledger.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.ChainHash;

class ChainHashTest {
    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456Z");
    static final JournalEntry ENTRY = new JournalEntry("ent_1", "sch_1", EntryType.GIFT, "memo", "admin", AT, null, null, List.of());

    @Test
    void theSamePostingHashesTheSame() {
        assertThat(ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 40))
                .isEqualTo(ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 40))
                .hasSize(64);
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        Set<String> hashes = new HashSet<>(List.of(
                ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 40),
                ChainHash.of("1".repeat(64), ENTRY, "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_2", "sch_1", EntryType.GIFT, "memo", "admin", AT, null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_2", EntryType.GIFT, "memo", "admin", AT, null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.EXCHANGE, "memo", "admin", AT, null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "memo!", "admin", AT, null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "memo", "admin2", AT, null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "memo", "admin", AT.plusNanos(1000), null), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "memo", "admin", AT, "ent_0"), "acc_1", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, ENTRY, "acc_2", 1, -60, 40),
                ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 2, -60, 40),
                ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -61, 40),
                ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 41)));
        assertThat(hashes).hasSize(13);
    }

    @Test
    void theFormatNeverChangesOrEveryStoredChainWouldBreak() {
        // computed once, with the hash format of the first release; an entry posted on someone's
        // behalf adds that field at the end, so chains written before it stay valid
        assertThat(ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 40))
                .isEqualTo("a49dc6c7d38653b5adeb92f1b5a067735583c5bf72ffd834139360f55994c818");
        JournalEntry onBehalf = new JournalEntry("ent_1", "sch_1", EntryType.GIFT, "memo", "admin", AT, null, "mem_1", List.of());
        assertThat(ChainHash.of(ChainHash.NONE, onBehalf, "acc_1", 1, -60, 40))
                .isNotEqualTo(ChainHash.of(ChainHash.NONE, ENTRY, "acc_1", 1, -60, 40));
    }

    @Test
    void theFormatOfEveryKindOfFieldNeverChanges() {
        // computed with the byte-at-a-time digest the chains were first written with: a genesis with
        // and without owner and floor, an entry on someone's behalf, and a reversal with a non-ASCII
        // memo, a previous hash and a negative balance
        assertThat(ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", 0L))
                .isEqualTo("36f34d4115de0a52463dcb24d98c0cd1220a9479c7a42d4de3c09f1983005153");
        assertThat(ChainHash.genesis("acc_2", "sch_1", AccountKind.ISSUANCE, null, null))
                .isEqualTo("113453e5c63a9a0be64b372a77c8ea19c81905b3872dfb907f8a2501469dfb5b");
        JournalEntry onBehalf = new JournalEntry("ent_1", "sch_1", EntryType.GIFT, "memo", "admin", AT, null, "mem_1", List.of());
        assertThat(ChainHash.of(ChainHash.NONE, onBehalf, "acc_1", 1, -60, 40))
                .isEqualTo("bd7937c615a4e4921f14f26cd0fe1de4369564048610b44c9029a1e44b4bf280");
        JournalEntry reversal = new JournalEntry("ent_2", "sch_1", EntryType.REVERSAL, "\u00dcn\u00efcode memo \u2713", "usr_1", AT, "ent_1",
                null, List.of());
        assertThat(ChainHash.of("a".repeat(64), reversal, "acc_1", 7, 60, Long.MIN_VALUE + 1))
                .isEqualTo("94914d2fccd8e735aed229debd68a5ce6ff0c01b9daf5b470b82d96251b9089b");
    }

    @Test
    void fieldsCannotBleedIntoEachOther() {
        // without length prefixes, "ab"+"c" and "a"+"bc" would hash alike
        assertThat(ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "ab", "c", AT, null), "acc_1", 1, 1, 1))
                .isNotEqualTo(ChainHash.of(ChainHash.NONE, with("ent_1", "sch_1", EntryType.GIFT, "a", "bc", AT, null), "acc_1", 1, 1, 1));
    }

    @Test
    void storableTimesKeepMicroseconds() {
        Instant nanos = Instant.parse("2026-11-22T10:15:30.123456789Z");
        assertThat(ChainHash.storable(nanos)).isEqualTo(Instant.parse("2026-11-22T10:15:30.123456Z"));
    }

    private static JournalEntry with(String id, String scheme, EntryType type, String memo, String actor, Instant at, String reverses) {
        return new JournalEntry(id, scheme, type, memo, actor, at, reverses, null, List.of());
    }

    @Test
    void theGenesisOfAnAccountCoversWhatItIs() {
        Set<String> hashes = new HashSet<>(List.of(
                ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", 0L),
                ChainHash.genesis("acc_2", "sch_1", AccountKind.MEMBER, "mem_1", 0L),
                ChainHash.genesis("acc_1", "sch_2", AccountKind.MEMBER, "mem_1", 0L),
                ChainHash.genesis("acc_1", "sch_1", AccountKind.ORGANISATION, "mem_1", 0L),
                ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_2", 0L),
                ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, null, 0L),
                ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", -600L),
                ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", null)));
        assertThat(hashes).hasSize(8);
        assertThat(Account.open("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", 0L).chainHead())
                .isEqualTo(ChainHash.genesis("acc_1", "sch_1", AccountKind.MEMBER, "mem_1", 0L));
    }
}

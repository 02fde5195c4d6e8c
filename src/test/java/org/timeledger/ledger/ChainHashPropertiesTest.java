package org.timeledger.ledger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.timeledger.testing.PropertyRuns;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.ChainHash;

/**
 * The hash chain: a posting's hash changes when any field it covers changes (the previous hash,
 * any field of its entry, its account, seq, amount or balance after), and an account's genesis
 * when anything it covers changes, so an edit made in the database is always detected.
 * Fields hold what the service stores: ids, memos of text, microsecond times.
 */
@AddLifecycleHook(PropertyRuns.class)
class ChainHashPropertiesTest {

    /** Everything one posting's hash covers. */
    record Link(String previous, String entryId, String schemeId, EntryType type, String memo, String actor, Instant postedAt,
                String reverses, String onBehalfOf, String accountId, long seq, long amount, long balanceAfter) {
        String hash() {
            JournalEntry entry = new JournalEntry(entryId, schemeId, type, memo, actor, postedAt, reverses, onBehalfOf, List.of());
            return ChainHash.of(previous, entry, accountId, seq, amount, balanceAfter);
        }
    }

    @Property
    void changingAnyFieldOfAPostingChangesItsHash(@ForAll("links") Link link, @ForAll("edits") UnaryOperator<Link> edit) {
        Link edited = edit.apply(link);
        Assume.that(!edited.equals(link));
        assertThat(edited.hash()).as("%s%nedited to%n%s", link, edited).isNotEqualTo(link.hash());
    }

    @Property
    void theSamePostingHashesTheSame(@ForAll("links") Link link) {
        Link copy = new Link(link.previous(), link.entryId(), link.schemeId(), link.type(), new String(link.memo()), link.actor(),
                link.postedAt(), link.reverses(), link.onBehalfOf(), link.accountId(), link.seq(), link.amount(), link.balanceAfter());
        assertThat(copy.hash()).isEqualTo(link.hash()).matches("[0-9a-f]{64}");
    }

    /** Moving text from the end of one field to the start of the next must change the hash too. */
    @Property
    void textCannotMoveBetweenFields(@ForAll("links") Link link, @ForAll("texts") String moved) {
        Assume.that(!moved.isEmpty());
        Link before = new Link(link.previous(), link.entryId(), link.schemeId(), link.type(), link.memo() + moved, link.actor(),
                link.postedAt(), link.reverses(), link.onBehalfOf(), link.accountId(), link.seq(), link.amount(), link.balanceAfter());
        Link after = new Link(link.previous(), link.entryId(), link.schemeId(), link.type(), link.memo(), moved + link.actor(),
                link.postedAt(), link.reverses(), link.onBehalfOf(), link.accountId(), link.seq(), link.amount(), link.balanceAfter());
        assertThat(after.hash()).isNotEqualTo(before.hash());
    }

    @Property
    void changingWhatAnAccountIsChangesItsGenesis(@ForAll("ids") String account, @ForAll("ids") String scheme,
                                                  @ForAll AccountKind kind, @ForAll("optionalIds") String owner,
                                                  @ForAll("floors") Long floor, @ForAll("genesisEdits") int field,
                                                  @ForAll("ids") String otherId, @ForAll AccountKind otherKind,
                                                  @ForAll("floors") Long otherFloor) {
        String original = ChainHash.genesis(account, scheme, kind, owner, floor);
        String edited = switch (field) {
            case 0 -> account.equals(otherId) ? original : ChainHash.genesis(otherId, scheme, kind, owner, floor);
            case 1 -> scheme.equals(otherId) ? original : ChainHash.genesis(account, otherId, kind, owner, floor);
            case 2 -> kind == otherKind ? original : ChainHash.genesis(account, scheme, otherKind, owner, floor);
            case 3 -> otherId.equals(owner) ? original : ChainHash.genesis(account, scheme, kind, otherId, floor);
            default -> java.util.Objects.equals(floor, otherFloor) ? original : ChainHash.genesis(account, scheme, kind, owner, otherFloor);
        };
        Assume.that(edited != original);
        assertThat(edited).isNotEqualTo(original);
    }

    // ---- arbitraries ----

    @Provide
    Arbitrary<Link> links() {
        return Builders.withBuilder(() -> new Link(ChainHash.NONE, "ent_1", "sch_1", EntryType.GIFT, "", "usr_1",
                        Instant.EPOCH, null, null, "acc_1", 1, 1, 1))
                .use(hashes()).in((l, v) -> with(l, 0, v))
                .use(ids()).in((l, v) -> with(l, 1, v))
                .use(ids()).in((l, v) -> with(l, 2, v))
                .use(Arbitraries.of(EntryType.class)).in((l, v) -> with(l, 3, v))
                .use(texts()).in((l, v) -> with(l, 4, v))
                .use(ids()).in((l, v) -> with(l, 5, v))
                .use(times()).in((l, v) -> with(l, 6, v))
                .use(optionalIds()).in((l, v) -> with(l, 7, v))
                .use(optionalIds()).in((l, v) -> with(l, 8, v))
                .use(ids()).in((l, v) -> with(l, 9, v))
                .use(Arbitraries.longs().between(1, Long.MAX_VALUE)).in((l, v) -> with(l, 10, v))
                .use(Arbitraries.longs()).in((l, v) -> with(l, 11, v))
                .use(Arbitraries.longs()).in((l, v) -> with(l, 12, v))
                .build();
    }

    /** One field of a link set to another value of its kind. */
    @Provide
    Arbitrary<UnaryOperator<Link>> edits() {
        return Arbitraries.oneOf(
                hashes().map(v -> l -> with(l, 0, v)),
                ids().map(v -> l -> with(l, 1, v)),
                ids().map(v -> l -> with(l, 2, v)),
                Arbitraries.of(EntryType.class).map(v -> l -> with(l, 3, v)),
                texts().map(v -> l -> with(l, 4, v)),
                ids().map(v -> l -> with(l, 5, v)),
                times().map(v -> l -> with(l, 6, v)),
                optionalIds().map(v -> l -> with(l, 7, v)),
                optionalIds().map(v -> l -> with(l, 8, v)),
                ids().map(v -> l -> with(l, 9, v)),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(v -> l -> with(l, 10, v)),
                Arbitraries.longs().map(v -> l -> with(l, 11, v)),
                Arbitraries.longs().map(v -> l -> with(l, 12, v)));
    }

    private static Link with(Link l, int field, Object v) {
        return new Link(field == 0 ? (String) v : l.previous(), field == 1 ? (String) v : l.entryId(),
                field == 2 ? (String) v : l.schemeId(), field == 3 ? (EntryType) v : l.type(), field == 4 ? (String) v : l.memo(),
                field == 5 ? (String) v : l.actor(), field == 6 ? (Instant) v : l.postedAt(), field == 7 ? (String) v : l.reverses(),
                field == 8 ? (String) v : l.onBehalfOf(), field == 9 ? (String) v : l.accountId(),
                field == 10 ? (Long) v : l.seq(), field == 11 ? (Long) v : l.amount(), field == 12 ? (Long) v : l.balanceAfter());
    }

    @Provide
    Arbitrary<Integer> genesisEdits() {
        return Arbitraries.integers().between(0, 4);
    }

    /** Ids as the service makes them: a prefix and Crockford base32 (short ones, so that they collide and differ by little). */
    @Provide
    Arbitrary<String> ids() {
        return Combinators.combine(Arbitraries.of("acc", "ent", "sch", "mem", "usr", "key"),
                        Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofMinLength(1).ofMaxLength(26))
                .as((prefix, body) -> prefix + "_" + body);
    }

    @Provide
    Arbitrary<String> optionalIds() {
        return ids().injectNull(0.3);
    }

    /** Memos: any text that UTF-8 can carry (no lone surrogates, which no stored memo holds). */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(40);
    }

    private static Arbitrary<String> hashes() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    }

    /** Times as both databases store them: whole microseconds. */
    private static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, 4_102_444_800_000_000L)
                .map(micros -> Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000));
    }

    @Provide
    Arbitrary<Long> floors() {
        return Arbitraries.longs().between(-6_000_000, 0).injectNull(0.2);
    }
}

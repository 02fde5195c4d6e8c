package org.timeledger.ledger;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.ledger.store.ReconciliationStore;
import org.timeledger.ledger.store.ReconciliationStore.StoredPosting;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.ChainHash;
import org.timeledger.ledger.model.FloorChange;

/**
 * Proves a scheme's books from what is stored, independently of the checks made when posting:
 * the balances sum to zero; each account's balance is the sum of its postings and its held
 * amount that of its open holds; each entry's postings sum to zero; and each account's hash
 * chain is intact, so an edit made with SQL to a posting, an entry or a balance is named; and
 * the chains kept beside the journal ({@link RecordChain}: the audit log's) are intact too.
 * Runs on one snapshot, so concurrent posting cannot produce false alarms.
 */
@Singleton
public class Reconciliation {
    /** At most this many mismatches are listed; {@link Report#mismatchCount} counts them all. */
    public static final int MAX_LISTED = 1000;

    private final ReconciliationStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final List<RecordChain> otherChains;

    public Reconciliation(ReconciliationStore store, Transactions transactions, Clock clock, List<RecordChain> otherChains) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.otherChains = List.copyOf(otherChains);
    }

    public enum MismatchKind {
        SCHEME_NOT_BALANCED,
        ACCOUNT_BALANCE_MISMATCH,
        ACCOUNT_HELD_MISMATCH,
        ACCOUNT_CHAIN_HEAD_MISMATCH,
        POSTING_SEQUENCE_GAP,
        POSTING_HASH_MISMATCH,
        POSTING_BALANCE_AFTER_MISMATCH,
        POSTING_OUTSIDE_SCHEME,
        ENTRY_NOT_BALANCED,
        ENTRY_TOO_FEW_POSTINGS,
        FLOOR_CHANGE_MISMATCH,
        ACCOUNT_FLOOR_MISMATCH,
        /** A row of the audit log was changed after it was written ({@code seq} is its sequence). */
        AUDIT_ROW_MISMATCH,
        /** The audit log's chain is broken: a row removed, inserted or moved, or the newest rows removed. */
        AUDIT_CHAIN_BROKEN
    }

    @Serdeable
    public record Mismatch(MismatchKind kind, String accountId, String entryId, Long seq,
                           Long expectedMinutes, Long actualMinutes, String detail) {
    }

    @Serdeable
    public record Report(boolean balanced, long sumMinutes, long accountsChecked, long entriesChecked,
                         long postingsChecked, long mismatchCount, List<Mismatch> mismatches, Instant checkedAt) {
    }

    /**
     * A reconciliation with the accounts as its snapshot read them: when it passes, their chain
     * heads are what a checkpoint records (see {@link Checkpoints}).
     */
    public record Snapshot(Report report, List<Account> accounts) {
    }

    public Report reconcile(String schemeId) {
        return reconcileSnapshot(schemeId).report();
    }

    public Snapshot reconcileSnapshot(String schemeId) {
        return transactions.readSnapshot(() -> check(schemeId));
    }

    private Snapshot check(String schemeId) {
        Findings findings = new Findings();
        Map<String, Account> accounts = new HashMap<>();
        long sum = 0;
        boolean sumOverflowed = false;
        for (Account account : store.accountsOfScheme(schemeId)) {
            accounts.put(account.id(), account);
            try {
                sum = Math.addExact(sum, account.balanceMinutes());
            } catch (ArithmeticException e) {
                sumOverflowed = true;
            }
        }
        if (sum != 0 || sumOverflowed) {
            findings.add(new Mismatch(MismatchKind.SCHEME_NOT_BALANCED, null, null, null, 0L, sum,
                    sumOverflowed ? "The balances' sum overflows." : "The balances of the scheme sum to " + sum + ", not zero."));
        }

        Map<String, Long> openingFloors = checkFloors(accounts, store.floorChangesOfScheme(schemeId), findings);
        ChainWalk walk = new ChainWalk(schemeId, accounts, openingFloors, findings);
        store.forEachPosting(schemeId, walk::accept);
        walk.finish();

        checkHeld(accounts, store.openHolds(schemeId), findings);

        store.forEachUnbalancedEntry(schemeId, bad -> {
            if (bad.postings() < 2) {
                findings.add(new Mismatch(MismatchKind.ENTRY_TOO_FEW_POSTINGS, null, bad.entryId(), null, null, null,
                        "Entry " + bad.entryId() + " has " + bad.postings() + " posting(s); every entry has at least two."));
            }
            if (bad.sumMinutes() != 0) {
                findings.add(new Mismatch(MismatchKind.ENTRY_NOT_BALANCED, null, bad.entryId(), null, 0L, bad.sumMinutes(),
                        "The postings of entry " + bad.entryId() + " sum to " + bad.sumMinutes() + ", not zero."));
            }
        });
        for (RecordChain chain : otherChains) {
            chain.check(schemeId, findings::add);
        }
        long entries = store.countEntries(schemeId);
        return new Snapshot(new Report(findings.count == 0, sum, accounts.size(), entries, walk.postings, findings.count,
                List.copyOf(findings.listed), clock.instant()), List.copyOf(accounts.values()));
    }

    /**
     * Walks each account's chain of floor changes from its genesis hash (which covers the floor
     * it was opened with) and checks that the account's floor is where the last change left it.
     * Answers the floor each changed account was opened with, for its postings' chain.
     */
    private static Map<String, Long> checkFloors(Map<String, Account> accounts, List<FloorChange> changes, Findings findings) {
        Map<String, List<FloorChange>> byAccount = new HashMap<>();
        changes.forEach(c -> byAccount.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c));
        Map<String, Long> opening = new HashMap<>();
        byAccount.forEach((accountId, list) -> {
            Account account = accounts.get(accountId);
            FloorChange first = list.get(0);
            opening.put(accountId, first.oldFloorMinutes());
            String previous = ChainHash.genesis(account.id(), account.schemeId(), account.kind(), account.ownerId(),
                    first.oldFloorMinutes());
            Long floor = first.oldFloorMinutes();
            for (int i = 0; i < list.size(); i++) {
                FloorChange c = list.get(i);
                String expected = ChainHash.floorChange(previous, accountId, c.seq(), c.oldFloorMinutes(), c.newFloorMinutes(),
                        c.reason(), c.changedBy(), c.changedAt());
                if (c.seq() != i + 1 || !expected.equals(c.chainHash()) || !java.util.Objects.equals(floor, c.oldFloorMinutes())) {
                    findings.add(new Mismatch(MismatchKind.FLOOR_CHANGE_MISMATCH, accountId, null, (long) c.seq(), null, null,
                            "Floor change " + c.seq() + " of account " + accountId + " was changed, removed or inserted "
                                    + "after it was written."));
                }
                previous = c.chainHash();
                floor = c.newFloorMinutes();
            }
            if (!java.util.Objects.equals(floor, account.floorMinutes())) {
                findings.add(new Mismatch(MismatchKind.ACCOUNT_FLOOR_MISMATCH, accountId, null, null, floor,
                        account.floorMinutes(), "Account " + accountId + " has a floor of " + account.floorMinutes()
                        + " minutes, but its recorded floor changes end at " + floor + ": the floor was edited directly."));
            }
        });
        return opening;
    }

    /**
     * Each account's held amount is the sum of its open (HELD) holds. A hold past its expiry
     * stays open until the sweep or the account's next lock marks it EXPIRED, and is counted
     * here until then; what may be spent leaves it out at once.
     */
    private static void checkHeld(Map<String, Account> accounts, Map<String, Long> open, Findings findings) {
        for (Account account : accounts.values()) {
            long expected = open.getOrDefault(account.id(), 0L);
            if (account.heldMinutes() != expected) {
                findings.add(new Mismatch(MismatchKind.ACCOUNT_HELD_MISMATCH, account.id(), null, null, expected,
                        account.heldMinutes(), "Account " + account.id() + " holds " + account.heldMinutes()
                        + " minutes but its open holds add up to " + expected + "."));
            }
        }
        for (String accountId : open.keySet()) {
            if (!accounts.containsKey(accountId)) {
                findings.add(new Mismatch(MismatchKind.ACCOUNT_HELD_MISMATCH, accountId, null, null, null,
                        open.get(accountId), "A hold of this scheme is on account " + accountId + ", outside it."));
            }
        }
    }

    private static final class Findings {
        final List<Mismatch> listed = new ArrayList<>();
        long count;

        void add(Mismatch mismatch) {
            count++;
            if (listed.size() < MAX_LISTED) {
                listed.add(mismatch);
            }
        }
    }

    /**
     * Walks the postings in (account, seq) order. Each posting is checked against the stored
     * hash of the one before it, so an edit is reported where it was made, not at every later
     * posting.
     */
    private static final class ChainWalk {
        private final String schemeId;
        private final Map<String, Account> accounts;
        private final Map<String, Long> openingFloors;
        private final Findings findings;
        private final Set<String> walked = new HashSet<>();
        long postings;
        private String accountId;
        private long expectedSeq;
        private String previousHash;
        private long previousBalance;
        private long sum;

        ChainWalk(String schemeId, Map<String, Account> accounts, Map<String, Long> openingFloors, Findings findings) {
            this.schemeId = schemeId;
            this.accounts = accounts;
            this.openingFloors = openingFloors;
            this.findings = findings;
        }

        void accept(StoredPosting p) {
            postings++;
            if (!p.accountId().equals(accountId)) {
                closeAccount();
                accountId = p.accountId();
                walked.add(accountId);
                expectedSeq = 1;
                Account account = accounts.get(accountId);
                previousHash = account == null ? ChainHash.NONE : genesis(account);
                previousBalance = 0;
                sum = 0;
            }
            if (p.seq() != expectedSeq) {
                findings.add(new Mismatch(MismatchKind.POSTING_SEQUENCE_GAP, accountId, p.entry().id(), p.seq(), null, null,
                        "Account " + accountId + " has posting " + p.seq() + " where " + expectedSeq
                                + " was expected: a posting was removed or inserted."));
            }
            if (!schemeId.equals(p.entry().schemeId())) {
                findings.add(new Mismatch(MismatchKind.POSTING_OUTSIDE_SCHEME, accountId, p.entry().id(), p.seq(), null, null,
                        "Posting " + p.seq() + " of account " + accountId + " belongs to an entry of another scheme."));
            }
            long expectedBalance = previousBalance + p.amountMinutes();
            if (p.balanceAfterMinutes() != expectedBalance) {
                findings.add(new Mismatch(MismatchKind.POSTING_BALANCE_AFTER_MISMATCH, accountId, p.entry().id(), p.seq(),
                        expectedBalance, p.balanceAfterMinutes(), "Posting " + p.seq() + " of account " + accountId
                        + " records a balance of " + p.balanceAfterMinutes() + " after it; its amount gives " + expectedBalance + "."));
            }
            String expectedHash = ChainHash.of(previousHash, p.entry(), accountId, p.seq(), p.amountMinutes(), p.balanceAfterMinutes());
            if (!expectedHash.equals(p.chainHash())) {
                findings.add(new Mismatch(MismatchKind.POSTING_HASH_MISMATCH, accountId, p.entry().id(), p.seq(), null, null,
                        "Posting " + p.seq() + " of account " + accountId + " or its entry " + p.entry().id()
                                + " was changed after it was written (amount, account, date, type, memo or actor)"
                                + (p.seq() == 1 ? ", or the account's kind, owner, floor or scheme was." : ".")));
            }
            sum += p.amountMinutes();
            previousBalance = p.balanceAfterMinutes();
            previousHash = p.chainHash();
            expectedSeq = p.seq() + 1;
        }

        void finish() {
            closeAccount();
            for (Account account : accounts.values()) {
                if (!walked.contains(account.id())) {
                    accountId = account.id();
                    previousHash = genesis(account);
                    expectedSeq = 1;
                    sum = 0;
                    closeAccount();
                }
            }
        }

        /** The account's genesis hash, over the floor it was opened with (its floor may have changed since). */
        private String genesis(Account account) {
            Long floor = openingFloors.containsKey(account.id()) ? openingFloors.get(account.id()) : account.floorMinutes();
            return ChainHash.genesis(account.id(), account.schemeId(), account.kind(), account.ownerId(), floor);
        }

        private void closeAccount() {
            if (accountId == null) {
                return;
            }
            Account account = accounts.get(accountId);
            if (account == null) {
                findings.add(new Mismatch(MismatchKind.POSTING_OUTSIDE_SCHEME, accountId, null, null, null, null,
                        "Postings refer to account " + accountId + ", which is not an account of this scheme."));
            } else {
                if (account.balanceMinutes() != sum) {
                    findings.add(new Mismatch(MismatchKind.ACCOUNT_BALANCE_MISMATCH, accountId, null, null, sum,
                            account.balanceMinutes(), "Account " + accountId + " has a balance of " + account.balanceMinutes()
                            + " minutes but its postings sum to " + sum + "."));
                }
                long lastSeq = expectedSeq - 1;
                if (account.postingCount() != lastSeq || !account.chainHead().equals(previousHash)) {
                    findings.add(new Mismatch(MismatchKind.ACCOUNT_CHAIN_HEAD_MISMATCH, accountId, null, lastSeq, null, null,
                            lastSeq == 0
                                    ? "Account " + accountId + " has no postings, but its chain head does not match what it is: "
                                    + "its kind, owner, floor or scheme, or its chain head, was changed."
                                    : "Account " + accountId + " records " + account.postingCount() + " postings and a chain head"
                                    + " that do not match its last stored posting (" + lastSeq + ")."));
                }
            }
            accountId = null;
        }
    }
}

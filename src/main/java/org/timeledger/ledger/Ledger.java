package org.timeledger.ledger;

import org.timeledger.problem.Refusal;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.timeledger.ledger.store.LedgerStore;
import org.timeledger.ledger.store.LedgerStore.PostingRow;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.FloorChange;
import org.timeledger.ledger.model.Hold;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.model.Posting;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.ledger.model.StatementLine;
import org.timeledger.problem.RejectedException;
import org.timeledger.ledger.model.ChainHash;

/**
 * The double-entry core. {@link #post} is the one way credits move: every feature builds an
 * entry and asks the ledger to post it. Checks run in a fixed order and the first failure wins:
 *
 * <ol>
 *   <li>{@code AMOUNT_MUST_BE_POSITIVE}, {@code AMOUNT_TOO_LARGE} (two-sided entries)</li>
 *   <li>{@code ACCOUNTS_MUST_BE_DIFFERENT}</li>
 *   <li>{@code POSTINGS_MUST_BALANCE}</li>
 *   <li>then the accounts are locked in ascending id order, and:</li>
 *   <li>{@code ACCOUNT_NOT_FOUND} (missing, or in another scheme)</li>
 *   <li>{@code TYPE_NOT_ALLOWED_FOR_ACCOUNTS}</li>
 *   <li>{@code ALREADY_REVERSED} (for a reversal, checked again under the locks)</li>
 *   <li>{@code INSUFFICIENT_CREDITS}: no debited account's available balance below its floor</li>
 *   <li>{@code BALANCE_OVERFLOW}</li>
 * </ol>
 *
 * A reversal first needs its entry ({@code NOT_FOUND}) to be something other than a reversal
 * ({@code REVERSAL_NOT_REVERSIBLE}), then goes through the same checks.
 *
 * Then the entry, its postings (each extending its account's hash chain) and the new balances
 * are written. Every method runs inside the caller's transaction (its store has no connection
 * of its own, so a call outside one fails at once). The entries posted and the holds expired
 * are counted for /metrics ({@link Metrics}) once that transaction commits.
 *
 * <p>Holds set an amount aside on an account ({@link #hold}) until they are captured into an
 * entry ({@link #capture}), voided, or expire. Whenever accounts are locked, their holds past
 * expiry are released first, so every check sees only holds in force; a scheduled sweep
 * ({@link #expireDueHolds}) releases the rest. Hold rows are locked after their account's.
 *
 * <p>{@link LedgerObserver}s are told of every entry written and every hold expired, in the same
 * transaction: that is how the event feed records them without the ledger knowing of it.
 */
@Singleton
public class Ledger {
    private final LedgerStore store;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final List<LedgerObserver> observers;

    public Ledger(LedgerStore store, TransactionOperations<Connection> transactions, Clock clock,
                  List<LedgerObserver> observers) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.observers = List.copyOf(observers);
    }

    /** What a feature asks the ledger to post. */
    public record Draft(String schemeId, EntryType type, String memo, Actor actor, String reversesEntryId,
                        List<Posting> postings) {
    }

    /** Opens an empty account. A null floor means none: only ISSUANCE may go without one. */
    public Account openAccount(String schemeId, AccountKind kind, String ownerId, Long floorMinutes) {
        requireTransaction();
        Account account = Account.open(Ids.newId("acc"), schemeId, kind, ownerId, floorMinutes);
        store.insertAccount(account, clock.instant());
        return account;
    }

    /**
     * Changes an account's floor, under the account's row lock, so no entry checks against a floor
     * half changed. The change is appended to the account's chain of floor changes (see
     * {@link ChainHash#floorChange}), which reconciliation walks; a balance already below the new
     * floor stays as it is, and only further debits are refused.
     */
    public FloorChange changeFloor(String accountId, Long floorMinutes, String reason, Actor actor) {
        requireTransaction();
        Account account = store.lockAccounts(List.of(accountId)).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        List<FloorChange> earlier = store.floorChanges(accountId);
        String previous = earlier.isEmpty() ? ChainHash.genesis(account) : earlier.get(earlier.size() - 1).chainHash();
        int seq = earlier.size() + 1;
        Instant at = ChainHash.storable(now());
        FloorChange change = new FloorChange(accountId, seq, account.floorMinutes(), floorMinutes, reason,
                actor.principalId(), at, ChainHash.floorChange(previous, accountId, seq, account.floorMinutes(), floorMinutes,
                reason, actor.principalId(), at));
        store.insertFloorChange(change);
        return change;
    }

    /**
     * The ids of a scheme's accounts of one kind whose floor is {@code floorMinutes} and was
     * never changed, or last changed with a reason starting {@code reasonPrefix} (a rule applied
     * to all of them, as opposed to one account's own floor); in order of id.
     */
    public List<String> accountsAtFloor(String schemeId, AccountKind kind, long floorMinutes, String reasonPrefix) {
        requireTransaction();
        return store.accountsAtFloor(schemeId, kind, floorMinutes, reasonPrefix);
    }

    /** An account's floor changes, oldest first. */
    public List<FloorChange> floorChanges(String accountId) {
        return store.floorChanges(accountId);
    }

    /** An account as it stands now: its held amount leaves out holds past their expiry. */
    public Optional<Account> findAccount(String accountId) {
        return store.findAccount(accountId).map(a -> a.heldMinutes() == 0 ? a
                : a.withHeld(store.heldInForce(a.id(), now())));
    }

    public Optional<JournalEntry> findEntry(String entryId) {
        return store.findEntry(entryId);
    }

    public Optional<String> findReversalOf(String entryId) {
        return store.findReversalOf(entryId);
    }

    public long balanceAsOf(String accountId, Instant asOf) {
        return store.balanceAsOf(accountId, asOf);
    }

    /** An account's balance at a moment, the postings of entries of one type left out (a partner's takings before settlements). */
    public long balanceAsOfExcept(String accountId, Instant asOf, EntryType leftOut) {
        return store.balanceAsOfExcept(accountId, asOf, leftOut);
    }

    /** Which of these entries a later entry reverses (none asked, none reversed). */
    public Set<String> reversedAmong(Collection<String> entryIds) {
        return entryIds.isEmpty() ? Set.of() : store.reversedAmong(entryIds);
    }

    /** Newest first, postings with seq below {@code beforeSeq}. */
    public List<StatementLine> statement(String accountId, long beforeSeq, int limit) {
        return store.statement(accountId, beforeSeq, limit);
    }

    /** Moves {@code amountMinutes} from one account to another as one entry of the given type. */
    public JournalEntry move(String schemeId, EntryType type, String fromAccountId, String toAccountId,
                             long amountMinutes, String memo, Actor actor) {
        checkAmount(amountMinutes);
        return post(new Draft(schemeId, type, memo, actor, null, List.of(
                new Posting(fromAccountId, -amountMinutes),
                new Posting(toAccountId, amountMinutes))));
    }

    private static void checkAmount(long amountMinutes) {
        if (amountMinutes <= 0) {
            throw new RejectedException(Rejection.AMOUNT_MUST_BE_POSITIVE,
                    "The amount must be at least 1 minute, not " + Minutes.inWords(amountMinutes) + ".");
        }
        if (amountMinutes > Minutes.MAX_AMOUNT) {
            throw new RejectedException(Rejection.AMOUNT_TOO_LARGE,
                    "The amount may be at most 100,000 hours, not " + Minutes.inWords(amountMinutes) + ".");
        }
    }

    /** Posts the negation of an entry, pointing at it. An entry can be reversed once. */
    public JournalEntry reverse(String entryId, String reason, Actor actor) {
        JournalEntry original = store.findEntry(entryId)
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No entry " + entryId + "."));
        if (original.type() == EntryType.REVERSAL) {
            throw new RejectedException(Rejection.REVERSAL_NOT_REVERSIBLE,
                    "Entry " + entryId + " is itself a reversal; post a new transfer to correct it.");
        }
        List<Posting> negated = original.postings().stream()
                .map(p -> new Posting(p.accountId(), Minutes.negate(p.amountMinutes())))
                .toList();
        return post(new Draft(original.schemeId(), EntryType.REVERSAL, reason, actor, original.id(), negated));
    }

    /** The one write path. */
    public JournalEntry post(Draft draft) {
        return postAll(List.of(draft)).get(0);
    }

    /**
     * Posts several entries at once, all or none, in the order given: an attendance register's
     * EARN entries. Each is checked exactly as {@link #post} checks one, against the balances the
     * ones before it left. The accounts of all of them are locked together first, in ascending
     * id order, so a batch queues behind single entries (and they behind it) without deadlock.
     */
    public List<JournalEntry> postAll(List<Draft> drafts) {
        requireTransaction();
        for (Draft draft : drafts) {
            if (draft.postings().size() < 2) {
                throw new IllegalArgumentException("an entry needs at least two postings");
            }
            checkDistinctAccounts(draft.postings());
            checkBalanced(draft.postings());
        }
        Locked locked = lock(drafts.stream().flatMap(d -> d.postings().stream()).map(Posting::accountId).toList());
        return apply(drafts, locked);
    }

    /** Checks and writes drafts whose accounts are locked. */
    private List<JournalEntry> apply(List<Draft> drafts, Locked locked) {
        List<Written> written = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            checkInScheme(draft, locked.accounts);
            checkTypeAllowed(draft, locked.accounts);
            if (draft.reversesEntryId() != null) {
                checkNotReversed(draft.reversesEntryId());
            }
            Map<String, Long> newBalances = checkFloorsAndOverflow(draft.postings(), locked.accounts);
            written.add(apply(draft, locked.accounts, newBalances));
        }
        write(drafts, written, locked);
        return written.stream().map(Written::entry).toList();
    }

    private void requireTransaction() {
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("Ledger.post must run inside a transaction");
        }
    }

    private static void checkDistinctAccounts(List<Posting> postings) {
        Set<String> seen = new HashSet<>();
        for (Posting p : postings) {
            if (p.amountMinutes() == 0) {
                throw new IllegalArgumentException("a posting of zero minutes");
            }
            if (!seen.add(p.accountId())) {
                throw new RejectedException(Rejection.ACCOUNTS_MUST_BE_DIFFERENT,
                        "An entry cannot move credits from account " + p.accountId() + " to itself.");
            }
        }
    }

    private static void checkBalanced(List<Posting> postings) {
        long sum = 0;
        for (Posting p : postings) {
            sum = Minutes.plus(sum, p.amountMinutes());
        }
        if (sum != 0) {
            throw new RejectedException(Rejection.POSTINGS_MUST_BALANCE, "The postings sum to " + sum + ", not zero.");
        }
    }

    /** The accounts an operation locked, and those whose held amount it changed. */
    private static final class Locked {
        /** As the lock read them; {@link #accounts} is what this operation makes of them. */
        final Map<String, Account> asLocked = new HashMap<>();
        final Map<String, Account> accounts = new HashMap<>();
        final Set<String> heldChanged = new TreeSet<>();

        List<LedgerStore.AccountChange> changes(Collection<String> ids) {
            return ids.stream().map(id -> new LedgerStore.AccountChange(asLocked.get(id), accounts.get(id))).toList();
        }

        void changeHeld(String accountId, long deltaMinutes) {
            Account account = accounts.get(accountId);
            accounts.put(accountId, account.withHeld(Minutes.plus(account.heldMinutes(), deltaMinutes)));
            heldChanged.add(accountId);
        }
    }

    /**
     * Locks accounts in ascending id order, then releases their holds that are past expiry, so
     * that everything checked afterwards sees only holds in force. Ids that do not exist are absent.
     */
    private Locked lock(Collection<String> accountIds) {
        Locked locked = new Locked();
        for (Account account : store.lockAccounts(new TreeSet<>(accountIds))) {
            locked.accounts.put(account.id(), account);
            locked.asLocked.put(account.id(), account);
        }
        List<String> holding = locked.accounts.values().stream().filter(a -> a.heldMinutes() != 0).map(Account::id).toList();
        if (!holding.isEmpty()) {
            Instant now = now();
            List<Hold> due = store.lockDueHolds(holding, now);
            due.forEach(h -> locked.changeHeld(h.accountId(), -h.amountMinutes()));
            if (!due.isEmpty()) {
                store.resolveHolds(due.stream().map(Hold::id).toList(), Hold.Status.EXPIRED, now);
                List<Hold> expired = due.stream().map(h -> new Hold(h.id(), h.schemeId(), h.accountId(), h.amountMinutes(),
                        Hold.Status.EXPIRED, h.expiresAt(), h.createdAt(), now)).toList();
                observers.forEach(o -> o.holdsExpired(expired));
            }
        }
        return locked;
    }

    private static void checkInScheme(Draft draft, Map<String, Account> locked) {
        for (Posting p : draft.postings()) {
            Account account = locked.get(p.accountId());
            if (account == null || !account.schemeId().equals(draft.schemeId())) {
                throw new RejectedException(Rejection.ACCOUNT_NOT_FOUND,
                        "No account " + p.accountId() + " in this scheme.");
            }
        }
    }

    /** Every debited account against every credited one, so entries of any size obey their type. */
    private static void checkTypeAllowed(Draft draft, Map<String, Account> locked) {
        if (draft.type() == EntryType.REVERSAL) {
            return; // mirrors an entry that passed this check
        }
        for (Posting debit : draft.postings()) {
            for (Posting credit : draft.postings()) {
                if (debit.amountMinutes() >= 0 || credit.amountMinutes() <= 0) {
                    continue;
                }
                AccountKind from = locked.get(debit.accountId()).kind();
                AccountKind to = locked.get(credit.accountId()).kind();
                if (!draft.type().allows(from, to)) {
                    throw new RejectedException(Rejection.TYPE_NOT_ALLOWED_FOR_ACCOUNTS, "A " + draft.type()
                            + " cannot move credits from an account of kind " + from + " to one of kind " + to + ".");
                }
            }
        }
    }

    private void checkNotReversed(String entryId) {
        // Under the account locks, a concurrent reversal of the same entry has either committed
        // (and is seen here) or not started; the unique constraint backs this up.
        store.findReversalOf(entryId).ifPresent(reversal -> {
            throw alreadyReversed(entryId, reversal);
        });
    }

    private static RejectedException alreadyReversed(String entryId, String reversalId) {
        return new RejectedException(Rejection.ALREADY_REVERSED,
                "Entry " + entryId + " was already reversed" + (reversalId == null ? "." : " by " + reversalId + "."));
    }

    private static Map<String, Long> checkFloorsAndOverflow(List<Posting> postings, Map<String, Account> locked) {
        Map<String, Long> newBalances = new HashMap<>();
        for (Posting p : postings) {
            Account account = locked.get(p.accountId());
            if (p.amountMinutes() >= 0 || account.floorMinutes() == null) {
                continue;
            }
            if (Minutes.plus(account.availableMinutes(), p.amountMinutes()) < account.floorMinutes()) {
                throw new RejectedException(Rejection.INSUFFICIENT_CREDITS,
                        "The account has " + Minutes.inWords(account.availableMinutes() - account.floorMinutes())
                                + " it may spend; this needs " + Minutes.inWords(-p.amountMinutes()) + ".");
            }
        }
        for (Posting p : postings) {
            Account account = locked.get(p.accountId());
            newBalances.put(p.accountId(), Minutes.plus(account.balanceMinutes(), p.amountMinutes()));
        }
        return newBalances;
    }

    /** An entry and its posting rows, ready to write. */
    private record Written(JournalEntry entry, List<PostingRow> rows) {
    }

    /** Builds the entry and extends each account's chain; the locked accounts now hold the new state. */
    private Written apply(Draft draft, Map<String, Account> locked, Map<String, Long> newBalances) {
        List<Posting> postings = new ArrayList<>(draft.postings());
        postings.sort(Comparator.comparingLong(Posting::amountMinutes).thenComparing(Posting::accountId));
        JournalEntry entry = new JournalEntry(Ids.newId("ent"), draft.schemeId(), draft.type(),
                draft.memo() == null ? "" : draft.memo(), draft.actor().principalId(), Clocks.now(clock),
                draft.reversesEntryId(), draft.actor().onBehalfOf(), List.copyOf(postings));

        List<PostingRow> rows = new ArrayList<>(postings.size());
        for (Posting p : postings) {
            Account before = locked.get(p.accountId());
            long seq = before.postingCount() + 1;
            long balance = newBalances.get(p.accountId());
            String hash = ChainHash.of(before.chainHead(), entry, p.accountId(), seq, p.amountMinutes(), balance);
            rows.add(new PostingRow(p.accountId(), seq, entry.id(), p.amountMinutes(), balance, hash));
            locked.put(before.id(), new Account(before.id(), before.schemeId(), before.kind(), before.ownerId(), balance,
                    before.heldMinutes(), before.floorMinutes(), seq, hash));
        }
        return new Written(entry, rows);
    }

    private void write(List<Draft> drafts, List<Written> written, Locked locked) {
        try {
            store.insertEntries(written.stream().map(Written::entry).toList());
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                for (Draft draft : drafts) {
                    if (draft.reversesEntryId() != null) {
                        throw alreadyReversed(draft.reversesEntryId(), null);
                    }
                }
            }
            throw e;
        }
        store.insertPostings(written.stream().flatMap(w -> w.rows().stream()).toList());
        Set<String> touched = new TreeSet<>(locked.heldChanged);
        written.forEach(w -> w.rows().forEach(r -> touched.add(r.accountId())));
        store.updateAccounts(locked.changes(touched));
        List<JournalEntry> entries = written.stream().map(Written::entry).toList();
        Map<String, Account> accounts = java.util.Collections.unmodifiableMap(locked.accounts);
        observers.forEach(o -> o.posted(entries, accounts));
    }

    // ---- holds ----

    /**
     * Sets an amount aside on an account until {@code expiresAt}: its available balance drops,
     * its balance does not. Refused like a debit would be: {@code INSUFFICIENT_CREDITS} below
     * the floor.
     */
    public Hold hold(String schemeId, String accountId, long amountMinutes, Instant expiresAt,
                     Collection<String> alsoLock) {
        requireTransaction();
        checkAmount(amountMinutes);
        // accounts a capture in the same transaction will need are locked now, in the one order
        List<String> ids = new ArrayList<>(alsoLock);
        ids.add(accountId);
        Locked locked = lock(ids);
        Account account = locked.accounts.get(accountId);
        if (account == null || !account.schemeId().equals(schemeId)) {
            throw new RejectedException(Rejection.ACCOUNT_NOT_FOUND, "No account " + accountId + " in this scheme.");
        }
        checkFloorsAndOverflow(List.of(new Posting(accountId, -amountMinutes)), locked.accounts);
        Hold hold = new Hold(Ids.newId("hld"), schemeId, accountId, amountMinutes, Hold.Status.HELD,
                ChainHash.storable(expiresAt), Clocks.now(clock), null);
        store.insertHold(hold);
        locked.changeHeld(accountId, amountMinutes);
        store.updateAccounts(locked.changes(locked.heldChanged));
        return hold;
    }

    /**
     * Captures an open hold: releases all of it and posts {@code amountMinutes} (at most what
     * was held) from the held account to {@code toAccountId} as one entry of the given type.
     * {@code HOLD_EXPIRED} past its expiry, {@code HOLD_NOT_OPEN} if captured or voided before.
     */
    public JournalEntry capture(String holdId, long amountMinutes, EntryType type, String toAccountId, String memo,
                                Actor actor) {
        requireTransaction();
        Hold hold = findHold(holdId).orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No hold " + holdId + "."));
        checkAmount(amountMinutes);
        Draft draft = new Draft(hold.schemeId(), type, memo, actor, null,
                List.of(new Posting(hold.accountId(), -amountMinutes), new Posting(toAccountId, amountMinutes)));
        checkDistinctAccounts(draft.postings());
        Locked locked = lock(List.of(hold.accountId(), toAccountId));
        resolve(locked, holdId, Hold.Status.CAPTURED); // an expired or resolved hold is named first
        if (amountMinutes > hold.amountMinutes()) {
            throw new RejectedException(Rejection.CAPTURE_EXCEEDS_HELD, "The hold is of " + Minutes.inWords(hold.amountMinutes())
                    + "; at most that can be captured, not " + Minutes.inWords(amountMinutes) + ".");
        }
        return apply(List.of(draft), locked).get(0);
    }

    /** Releases an open hold without moving anything: {@code HOLD_EXPIRED} or {@code HOLD_NOT_OPEN} as for capture. */
    public Hold voidHold(String holdId) {
        requireTransaction();
        Hold hold = findHold(holdId).orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No hold " + holdId + "."));
        Locked locked = lock(List.of(hold.accountId()));
        Hold voided = resolve(locked, holdId, Hold.Status.VOIDED);
        store.updateAccounts(locked.changes(locked.heldChanged));
        return voided;
    }

    /** Under its account's lock: the hold must be open, and is released as {@code status}. */
    private Hold resolve(Locked locked, String holdId, Hold.Status status) {
        Hold current = store.lockHold(holdId).orElseThrow();
        if (current.status() == Hold.Status.EXPIRED) {
            throw new RejectedException(Rejection.HOLD_EXPIRED, "Hold " + holdId + " expired at " + current.expiresAt()
                    + " and released its credits; place a new hold.");
        }
        if (current.status() != Hold.Status.HELD) {
            throw new RejectedException(Rejection.HOLD_NOT_OPEN, "Hold " + holdId + " was already "
                    + current.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        Instant now = now();
        locked.changeHeld(current.accountId(), -current.amountMinutes());
        store.resolveHolds(List.of(holdId), status, now);
        return new Hold(current.id(), current.schemeId(), current.accountId(), current.amountMinutes(), status,
                current.expiresAt(), current.createdAt(), now);
    }

    /** Now, to the microsecond both databases keep, so that Java and SQL agree on what has expired. */
    private Instant now() {
        return Clocks.now(clock);
    }

    public Optional<Hold> findHold(String holdId) {
        return store.findHold(holdId);
    }

    /** How many holds are in force now, in every scheme: HELD and not past their expiry. */
    public long countOpenHolds() {
        return store.countHoldsInForce(now());
    }

    /**
     * Marks holds past their expiry EXPIRED, on up to {@code maxAccounts} accounts, releasing
     * their amounts: the sweep, so that held amounts do not wait for the account's next use.
     * Returns how many accounts it looked at.
     */
    public int expireDueHolds(int maxAccounts) {
        requireTransaction();
        List<String> accounts = store.accountsWithDueHolds(now(), maxAccounts);
        if (!accounts.isEmpty()) {
            Locked locked = lock(accounts);
            store.updateAccounts(locked.changes(locked.heldChanged));
        }
        return accounts.size();
    }

    /** The ids of a scheme's accounts of one kind (its ISSUANCE accounts, say), in id order. */
    public List<String> accountIdsOfKind(String schemeId, AccountKind kind) {
        return store.accountIdsOfKind(schemeId, kind);
    }
}

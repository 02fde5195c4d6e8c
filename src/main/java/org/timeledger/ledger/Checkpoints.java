package org.timeledger.ledger;

import org.timeledger.ledger.model.ChainHeadAt;
import org.timeledger.ledger.model.Checkpoint;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.timeledger.ledger.store.CheckpointStore;
import org.timeledger.ledger.store.ReconciliationStore;
import org.timeledger.support.Ids;
import org.timeledger.support.Secrets;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.timeledger.ledger.model.Account;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.ChainHash;

/**
 * Published checkpoints: proof over time that history was never rewritten. Each reconciliation
 * that passes records where every account's hash chain stood (its last posting's seq and hash)
 * and one SHA-256 digest over them all. The digest is published; later, the chains are
 * recomputed from the stored journal up to those seqs, and a rewrite of any posting or entry
 * before them gives other heads and another digest, for that checkpoint and every later one.
 *
 * <p>The digest is SHA-256 over one line per account of the scheme, in account id order:
 * {@code accountId:seq:chainHead\n} (seq 0 and the account's genesis hash before its first posting).
 */
@Singleton
public class Checkpoints {
    /** How many mismatching accounts a verification lists (it counts them all). */
    public static final int MAX_LISTED = 100;

    private final CheckpointStore store;
    private final ReconciliationStore journal;
    private final Transactions transactions;
    private final Clock clock;

    public Checkpoints(CheckpointStore store, ReconciliationStore journal, Transactions transactions, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Serdeable
    public record HeadMismatch(String accountId, long seq, String recordedHead, String recomputedHead) {
    }

    @Serdeable
    public record Verification(String checkpointId, long number, boolean matches, String recordedDigest,
                               String recomputedDigest, long accountsChecked, long postingsChecked, long mismatchCount,
                               List<HeadMismatch> mismatches, Instant verifiedAt) {
    }

    /**
     * Records the checkpoint of a reconciliation that passed. None when no chain moved since the
     * scheme's latest checkpoint, or when a checkpoint of a later state was written meanwhile
     * (by another instance): checkpoints follow the journal forwards only.
     */
    public Optional<Checkpoint> record(String schemeId, Reconciliation.Snapshot snapshot) {
        if (!snapshot.report().balanced()) {
            throw new IllegalArgumentException("only a reconciliation that passed is a checkpoint");
        }
        List<ChainHeadAt> heads = snapshot.accounts().stream().sorted(Comparator.comparing(Account::id))
                .map(a -> new ChainHeadAt(a.id(), a.postingCount(), a.chainHead())).toList();
        long outstandingMinutes = -snapshot.accounts().stream().filter(a -> a.kind() == AccountKind.ISSUANCE)
                .mapToLong(Account::balanceMinutes).sum();
        return transactions.write(() -> {
            store.lockScheme(schemeId);
            Map<String, Long> before = store.state(schemeId);
            List<ChainHeadAt> moved = new ArrayList<>();
            for (ChainHeadAt head : heads) {
                Long seq = before.get(head.accountId());
                if (seq != null && seq > head.seq()) {
                    return Optional.<Checkpoint>empty(); // a later state is already checkpointed
                }
                if (seq == null || seq != head.seq()) {
                    moved.add(head);
                }
            }
            if (moved.isEmpty()) {
                return Optional.<Checkpoint>empty();
            }
            Checkpoint checkpoint = new Checkpoint(Ids.newId("chk"), schemeId, store.lastNumber(schemeId) + 1,
                    clock.instant(), snapshot.report().entriesChecked(), snapshot.report().postingsChecked(), heads.size(),
                    snapshot.report().sumMinutes(), outstandingMinutes, digest(heads));
            store.insert(checkpoint, moved);
            store.moveState(schemeId, moved, before);
            return Optional.of(checkpoint);
        });
    }

    /** The scheme's checkpoints, newest first, numbered below {@code beforeNumber}. */
    public List<Checkpoint> page(String schemeId, long beforeNumber, int limit) {
        return transactions.read(() -> store.page(schemeId, beforeNumber, limit));
    }

    public Optional<Checkpoint> find(String schemeId, String id) {
        return transactions.read(() -> store.find(id).filter(c -> c.schemeId().equals(schemeId)));
    }

    /**
     * Recomputes a checkpoint from the journal as it is stored now: every account's hash chain
     * from its genesis, over its postings and their entries, up to the seq the checkpoint
     * recorded. It matches when the digest of the recomputed heads is the one published.
     */
    public Verification verify(Checkpoint checkpoint) {
        return transactions.readSnapshot(() -> {
            Map<String, ChainHeadAt> recorded = new TreeMap<>(store.headsAt(checkpoint.schemeId(), checkpoint.number()));
            Map<String, Account> accounts = new HashMap<>();
            journal.accountsOfScheme(checkpoint.schemeId()).forEach(a -> accounts.put(a.id(), a));
            Recomputation walk = new Recomputation(recorded, accounts);
            journal.forEachPosting(checkpoint.schemeId(), walk::accept);

            List<ChainHeadAt> recomputed = new ArrayList<>();
            List<HeadMismatch> mismatches = new ArrayList<>();
            long mismatchCount = 0;
            for (ChainHeadAt head : recorded.values()) {
                String hash = walk.headAt(head);
                recomputed.add(new ChainHeadAt(head.accountId(), head.seq(), hash == null ? "missing" : hash));
                if (!head.chainHead().equals(hash)) {
                    mismatchCount++;
                    if (mismatches.size() < MAX_LISTED) {
                        mismatches.add(new HeadMismatch(head.accountId(), head.seq(), head.chainHead(), hash));
                    }
                }
            }
            String recomputedDigest = digest(recomputed);
            // the recorded heads must also still give the published digest: checkpoint_head is not evidence of itself
            boolean matches = recomputedDigest.equals(checkpoint.digest())
                    && digest(List.copyOf(recorded.values())).equals(checkpoint.digest());
            return new Verification(checkpoint.id(), checkpoint.number(), matches, checkpoint.digest(), recomputedDigest,
                    recorded.size(), walk.postings, mismatchCount, List.copyOf(mismatches), clock.instant());
        });
    }

    static String digest(List<ChainHeadAt> headsInAccountOrder) {
        StringBuilder text = new StringBuilder(headsInAccountOrder.size() * 110);
        for (ChainHeadAt head : headsInAccountOrder) {
            text.append(head.accountId()).append(':').append(head.seq()).append(':').append(head.chainHead()).append('\n');
        }
        return Secrets.sha256Hex(text.toString());
    }

    /**
     * Each recorded account's chain recomputed from its genesis over its stored postings in seq
     * order, trusting no stored hash: the hash reached at the recorded seq is the account's head.
     */
    private static final class Recomputation {
        private final Map<String, ChainHeadAt> recorded;
        private final Map<String, Account> accounts;
        private final Map<String, String> reached = new HashMap<>();
        private String accountId;
        private String hash;
        private long applied;
        long postings;

        Recomputation(Map<String, ChainHeadAt> recorded, Map<String, Account> accounts) {
            this.recorded = recorded;
            this.accounts = accounts;
        }

        void accept(ReconciliationStore.StoredPosting p) {
            ChainHeadAt target = recorded.get(p.accountId());
            if (target == null || accounts.get(p.accountId()) == null) {
                return; // an account opened after the checkpoint
            }
            if (!p.accountId().equals(accountId)) {
                accountId = p.accountId();
                hash = ChainHash.genesis(accounts.get(accountId));
                applied = 0;
            }
            if (applied >= target.seq()) {
                return; // a posting after the checkpoint
            }
            hash = ChainHash.of(hash, p.entry(), accountId, p.seq(), p.amountMinutes(), p.balanceAfterMinutes());
            applied++;
            postings++;
            if (applied == target.seq()) {
                // the seq stored must also be the one counted: a posting removed or inserted shows here too
                reached.put(accountId, p.seq() == target.seq() ? hash : "seq " + p.seq() + " at position " + applied);
            }
        }

        /** The recomputed head at the recorded seq; null when the journal no longer reaches it. */
        String headAt(ChainHeadAt head) {
            if (head.seq() == 0) {
                Account account = accounts.get(head.accountId());
                return account == null ? null : ChainHash.genesis(account);
            }
            return reached.get(head.accountId());
        }
    }
}

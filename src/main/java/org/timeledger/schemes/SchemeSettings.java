package org.timeledger.schemes;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import jakarta.inject.Singleton;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.problem.RejectedException;
import org.timeledger.support.Clocks;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes a scheme's rules, each change kept with who, when, and the value before and after, in
 * the transaction of the change; requests arriving after it find the new rules (each reads the
 * scheme as it is). A new {@code memberFloorMinutes} is also the floor of every member on the
 * scheme's floor, changed through the ledger's chain of floor changes; a member given a limit of
 * their own keeps it. See docs/api-guide.md (changing a scheme's rules).
 */
@Singleton
public class SchemeSettings {
    /**
     * How a member's floor change made by a change of the scheme's floor begins: a member whose
     * floor was last changed so (or never) is on the scheme's floor.
     */
    public static final String SCHEME_FLOOR_REASON = "The scheme's floor changed: ";

    private final AuditTrail audit;
    private final SchemeRepository schemes;
    private final SchemeSettingsStore store;
    private final Ledger ledger;
    private final Transactions transactions;
    private final Clock clock;

    SchemeSettings(AuditTrail audit, SchemeRepository schemes, SchemeSettingsStore store, Ledger ledger, Transactions transactions,
                   Clock clock) {
        this.audit = audit;
        this.schemes = schemes;
        this.store = store;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A change applied: the scheme as it now is, and how many members' floors moved with it. */
    public record Changed(Scheme scheme, int membersMoved) {
    }

    /** Applies {@code request} to the scheme, as {@code principalId}, in one transaction. */
    public Changed change(Caller caller, String schemeId, SchemeRequests.ChangeScheme request) {
        String principalId = caller.principalId();
        return transactions.write(() -> {
            store.lock(schemeId);
            Scheme was = schemes.findById(schemeId).orElseThrow();
            Scheme now = apply(was, request);
            Instant at = Clocks.now(clock);
            List<SchemeSettingsStore.Change> changes = new ArrayList<>();
            long seq = store.lastSeq(schemeId);
            for (Field field : Field.values()) {
                String before = field.of(was);
                String after = field.of(now);
                if (!Objects.equals(before, after)) {
                    changes.add(new SchemeSettingsStore.Change(schemeId, ++seq, field.json, before, after, principalId, at));
                }
            }
            if (changes.isEmpty()) {
                return new Changed(was, 0);
            }
            int moved = 0;
            if (was.memberFloorMinutes() != now.memberFloorMinutes()) {
                moved = moveMembersOnSchemeFloor(was, now, principalId);
            }
            store.insert(changes);
            Changes recorded = Changes.of();
            changes.forEach(c -> recorded.field(c.field(), c.before(), c.after()));
            audit.record(caller, schemeId, Action.SETTINGS_CHANGED, Subject.scheme(schemeId), recorded);
            return new Changed(schemes.update(now), moved);
        });
    }

    /**
     * Every member on the scheme's floor gets the new one, each through the ledger (under the
     * account's lock, a link in its chain of floor changes), in this transaction: a scheme's
     * floor is never half changed. A balance already below a raised floor stays; only further
     * debits are refused.
     */
    private int moveMembersOnSchemeFloor(Scheme was, Scheme now, String principalId) {
        String reason = SCHEME_FLOOR_REASON + "members may now owe " + Minutes.inWords(-now.memberFloorMinutes())
                + " (before, " + Minutes.inWords(-was.memberFloorMinutes()) + ")";
        List<String> accounts = ledger.accountsAtFloor(was.id(), AccountKind.MEMBER, was.memberFloorMinutes(),
                SCHEME_FLOOR_REASON);
        for (String accountId : accounts) {
            ledger.changeFloor(accountId, now.memberFloorMinutes(), reason, Actor.of(principalId));
        }
        return accounts.size();
    }

    private static Scheme apply(Scheme s, SchemeRequests.ChangeScheme r) {
        String name = s.name();
        if (r.name() != null) {
            if (Text.isBlank(r.name())) {
                throw RejectedException.invalidField("name", "must not be blank");
            }
            name = Text.strip(r.name());
        }
        long floor = r.memberFloorMinutes() == null ? s.memberFloorMinutes() : r.memberFloorMinutes();
        long lowest = r.lowestMemberFloorMinutes() == null ? s.lowestMemberFloorMinutes() : r.lowestMemberFloorMinutes();
        if (lowest > floor) {
            throw RejectedException.invalidField(r.lowestMemberFloorMinutes() != null ? "lowestMemberFloorMinutes"
                    : "memberFloorMinutes", "the lowest floor one member may be given (" + lowest
                    + " minutes) must be at most the scheme's floor (" + floor + " minutes): change both together");
        }
        Long cap = s.weeklyEarnCapMinutes();
        if (r.weeklyEarnCapMinutes() != null) {
            cap = r.weeklyEarnCapMinutes().minutes();
            if (cap != null && (cap < 1 || cap > 10_080)) {
                throw RejectedException.invalidField("weeklyEarnCapMinutes",
                        "must be from 1 to 10080 (every minute of a week), or null for no cap");
            }
        }
        String zone = r.timeZone() == null ? s.timeZone() : SchemeService.timeZone(r.timeZone());
        return new Scheme(s.id(), s.code(), name, floor,
                r.holdMinutes() == null ? s.holdMinutes() : r.holdMinutes(),
                s.issuanceAccountId(), s.communityPotAccountId(), s.createdAt(),
                r.backdateDays() == null ? s.backdateDays() : r.backdateDays(), cap,
                r.allocationsRequired() == null ? s.allocationsRequired() : r.allocationsRequired(), zone,
                s.issuanceAccounts(),
                r.paymentRequestDays() == null ? s.paymentRequestDays() : r.paymentRequestDays(), lowest);
    }

    /** A scheme's settings history, newest first: changes numbered below {@code beforeSeq}. */
    public List<SchemeSettingsStore.Change> history(String schemeId, long beforeSeq, int rows) {
        return transactions.read(() -> store.history(schemeId, beforeSeq, rows));
    }

    /** The rules that may change, by their names in the API, each written as text (null for none). */
    private enum Field {
        NAME("name", Scheme::name),
        MEMBER_FLOOR("memberFloorMinutes", Scheme::memberFloorMinutes),
        LOWEST_MEMBER_FLOOR("lowestMemberFloorMinutes", Scheme::lowestMemberFloorMinutes),
        HOLD("holdMinutes", Scheme::holdMinutes),
        BACKDATE("backdateDays", Scheme::backdateDays),
        WEEKLY_CAP("weeklyEarnCapMinutes", Scheme::weeklyEarnCapMinutes),
        ALLOCATIONS("allocationsRequired", Scheme::allocationsRequired),
        TIME_ZONE("timeZone", Scheme::timeZone),
        PAYMENT_REQUEST_DAYS("paymentRequestDays", Scheme::paymentRequestDays);

        final String json;
        private final java.util.function.Function<Scheme, Object> rule;

        Field(String json, java.util.function.Function<Scheme, Object> rule) {
            this.json = json;
            this.rule = rule;
        }

        String of(Scheme s) {
            return java.util.Objects.toString(rule.apply(s), null);
        }
    }
}

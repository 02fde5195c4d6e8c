package org.timeledger.schemes;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.identity.Caller;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.ledger.model.AccountKind;
import org.timeledger.ledger.Ledger;
import org.timeledger.problem.RejectedException;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Creates schemes with their system accounts, and finds them by code or id. */
@Singleton
public class SchemeService {
    public static final long DEFAULT_MEMBER_FLOOR_MINUTES = 0;
    public static final int DEFAULT_HOLD_MINUTES = 15;
    public static final int DEFAULT_BACKDATE_DAYS = 90;
    public static final String DEFAULT_TIME_ZONE = "Europe/London";
    public static final int DEFAULT_PAYMENT_REQUEST_DAYS = 14;

    private final AuditTrail audit;
    private final SchemeRepository schemes;
    private final Ledger ledger;
    private final Transactions transactions;
    private final Clock clock;
    // a scheme's code never changes (its name may) and schemes are never deleted, so an id maps to its code for ever
    private final Map<String, String> codesById = new ConcurrentHashMap<>();

    public SchemeService(AuditTrail audit, SchemeRepository schemes, Ledger ledger, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.schemes = schemes;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    public Scheme create(Caller caller, SchemeRequests.CreateScheme request) {
        try {
            return transactions.write(() -> {
                Scheme scheme = insert(request);
                audit.record(caller, scheme.id(), Action.SCHEME_CREATED, Subject.scheme(scheme.id()), Changes.of()
                        .field("code", null, scheme.code())
                        .field("name", null, scheme.name())
                        .field("memberFloorMinutes", null, scheme.memberFloorMinutes())
                        .field("lowestMemberFloorMinutes", null, scheme.lowestMemberFloorMinutes())
                        .field("holdMinutes", null, scheme.holdMinutes())
                        .field("backdateDays", null, scheme.backdateDays())
                        .field("weeklyEarnCapMinutes", null, scheme.weeklyEarnCapMinutes())
                        .field("allocationsRequired", null, scheme.allocationsRequired())
                        .field("timeZone", null, scheme.timeZone())
                        .field("issuanceAccounts", null, scheme.issuanceAccounts())
                        .field("paymentRequestDays", null, scheme.paymentRequestDays()));
                return scheme;
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw codeTaken(request.code());
            }
            throw e;
        }
    }

    private Scheme insert(SchemeRequests.CreateScheme request) {
        if (schemes.existsByCode(request.code())) {
            throw codeTaken(request.code());
        }
        String schemeId = Ids.newId("sch");
        String issuanceId;
        String potId;
        long floor = request.memberFloorMinutes() == null ? DEFAULT_MEMBER_FLOOR_MINUTES : request.memberFloorMinutes();
        int hold = request.holdMinutes() == null ? DEFAULT_HOLD_MINUTES : request.holdMinutes();
        int backdate = request.backdateDays() == null ? DEFAULT_BACKDATE_DAYS : request.backdateDays();
        boolean allocations = Boolean.TRUE.equals(request.allocationsRequired());
        String zone = timeZone(request.timeZone());
        int spread = request.issuanceAccounts() == null ? 1 : request.issuanceAccounts();
        int requestDays = request.paymentRequestDays() == null ? DEFAULT_PAYMENT_REQUEST_DAYS : request.paymentRequestDays();
        long lowest = request.lowestMemberFloorMinutes() == null ? floor : request.lowestMemberFloorMinutes();
        if (lowest > floor) {
            throw RejectedException.invalidField("lowestMemberFloorMinutes", "must be at most memberFloorMinutes (" + floor
                    + "): it is the lowest floor an administrator may give one member");
        }
        // the scheme row goes first: accounts reference it
        Scheme scheme = new Scheme(schemeId, request.code(), Text.strip(request.name()), floor, hold,
                "", "", Clocks.now(clock), backdate, request.weeklyEarnCapMinutes(),
                allocations, zone, spread, requestDays, lowest);
        schemes.save(scheme);
        issuanceId = ledger.openAccount(schemeId, AccountKind.ISSUANCE, null, null).id();
        for (int i = 1; i < spread; i++) {
            ledger.openAccount(schemeId, AccountKind.ISSUANCE, null, null);
        }
        potId = ledger.openAccount(schemeId, AccountKind.COMMUNITY_POT, null, 0L).id();
        Scheme withAccounts = new Scheme(schemeId, scheme.code(), scheme.name(), floor, hold, issuanceId, potId,
                scheme.createdAt(), backdate, request.weeklyEarnCapMinutes(), allocations, zone, spread, requestDays, lowest);
        return schemes.update(withAccounts);
    }

    /** A named zone ("Europe/London", "UTC"), so that dates follow its clocks; never a bare offset. */
    static String timeZone(String requested) {
        if (requested == null) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            if (ZoneId.getAvailableZoneIds().contains(requested)) {
                return ZoneId.of(requested).getId();
            }
        } catch (DateTimeException e) {
            // refused below
        }
        throw RejectedException.invalidField("timeZone", "must be a named time zone such as Europe/London");
    }

    private static RejectedException codeTaken(String code) {
        return new RejectedException(Refusal.SCHEME_CODE_TAKEN, "A scheme with code '" + code + "' already exists.");
    }

    public Optional<Scheme> find(String code) {
        return schemes.findByCode(code);
    }

    /** Every scheme, for the jobs that visit them all (the scheduled reconciliation). */
    public List<Scheme> all() {
        List<Scheme> all = new java.util.ArrayList<>();
        schemes.findAll().forEach(all::add);
        return all;
    }

    /** Schemes in order of code, those after {@code afterCode}. */
    public List<Scheme> page(String afterCode, int rows) {
        return transactions.read(() -> schemes.page(afterCode, rows));
    }

    public Optional<Scheme> findById(String id) {
        return schemes.findById(id);
    }

    public Scheme get(String code) {
        return schemes.findByCode(code)
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No scheme with code '" + code + "'."));
    }

    public String codeOf(String schemeId) {
        return codesById.computeIfAbsent(schemeId, id -> schemes.findById(id)
                .map(Scheme::code)
                .orElseThrow(() -> new IllegalStateException("no scheme " + id)));
    }
}

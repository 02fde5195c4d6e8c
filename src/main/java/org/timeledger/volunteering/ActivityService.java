package org.timeledger.volunteering;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import org.timeledger.problem.Refusal;
import org.timeledger.query.Times;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.identity.Role;
import org.timeledger.access.Staff;
import org.timeledger.events.Event;
import org.timeledger.events.EventType;
import org.timeledger.events.Events;
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.ledger.model.Actor;
import org.timeledger.ledger.model.EntryType;
import org.timeledger.ledger.model.JournalEntry;
import org.timeledger.ledger.model.Minutes;
import org.timeledger.ledger.Ledger;
import org.timeledger.ledger.model.Posting;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.LineError;
import org.timeledger.ledger.model.Rejection;
import org.timeledger.schemes.IssuanceAccounts;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;
import org.timeledger.volunteering.VolunteeringViews.ActivityView;
import org.timeledger.volunteering.VolunteeringViews.RegisterView;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Logging volunteering and turning it into credits. Every way an activity comes about (logged
 * singly, a register, an opportunity's sign-up or attendance) goes through {@link #logAll}, by
 * {@link #logOne} or {@link #logRegister}, so the same rules apply to all; every way it is
 * approved goes through {@link #earn}, which posts one EARN entry per activity.
 */
@Singleton
public class ActivityService {
    private final AuditTrail audit;
    private final ActivityStore store;
    private final CategoryRepository categories;
    private final Vetting vetting;
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final Staff staff;
    private final Ledger ledger;
    private final IssuanceAccounts issuance;
    private final Transactions transactions;
    private final Events events;
    private final Clock clock;
    private final List<HelpElsewhere> otherHelp;

    public ActivityService(AuditTrail audit, ActivityStore store, CategoryRepository categories, Vetting vetting, Access access,
                           PartyService parties, SchemeService schemes, Staff staff, Ledger ledger,
                           IssuanceAccounts issuance, Transactions transactions, Events events, Clock clock,
                           List<HelpElsewhere> otherHelp) {
        this.audit = audit;
        this.otherHelp = otherHelp;
        this.store = store;
        this.categories = categories;
        this.vetting = vetting;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.staff = staff;
        this.ledger = ledger;
        this.issuance = issuance;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Whether the member has volunteered (an activity of any status, an opportunity's sign-up
     * included) with one of these organisations; on the caller's transaction.
     */
    public boolean hasActivityWith(String memberId, java.util.Collection<String> organisationIds) {
        return store.anyWith(memberId, organisationIds);
    }

    /** What every activity of one request shares. {@code award} is set for an opportunity's awards. */
    record Session(Scheme scheme, Organisation organisation, Category category, LocalDate date, String description,
                   String opportunityId, Activity.Award award) {

        /** A session logged by staff, not an opportunity's award. */
        Session(Scheme scheme, Organisation organisation, Category category, LocalDate date, String description) {
            this(scheme, organisation, category, date, description, null, null);
        }
    }

    /** Whether activities are approved as they are logged (a register taken by staff, an opportunity's awards). */
    enum Approval { PENDING, AT_ONCE }

    /** How a refusal is answered: a single activity's as the rule it broke, a register's as a list of lines. */
    private enum Form { SINGLE, REGISTER }

    /** One member's line of a request, numbered from 1 as the sender counts them. */
    record Line(int number, Member member, long minutes) {
    }

    // ---- logging ----

    /** In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ActivityView log(Caller caller, String schemeCode, VolunteeringRequests.LogActivity request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        Session session = session(caller, scheme, request.organisationId(), request.categoryCode(), request.date(),
                request.description());
        Member member = parties.findMember(request.memberId()).filter(m -> m.schemeId().equals(scheme.id()))
                .orElseThrow(() -> RejectedException.invalidField("memberId", "is not a member of this scheme"));
        Activity logged = logOne(caller, session, new Line(1, member, request.minutes()), Approval.PENDING);
        return ActivityView.of(logged, scheme.code());
    }

    /** In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RegisterView register(Caller caller, String schemeCode, Registers.Register register) {
        Scheme scheme = access.scheme(caller, schemeCode);
        Session session = session(caller, scheme, register.organisationId(), register.categoryCode(), register.date(),
                register.description());
        Registers.Resolved resolved = Registers.resolve(register, scheme, parties);
        List<Activity> logged = logRegister(caller, session, resolved.lines(), resolved.errors(), register.approval());
        return registerView(logged, scheme);
    }

    /**
     * The shared organisation, category, date and description of a request, checked: a
     * coordinator logs only for organisations they coordinate.
     */
    Session session(Caller caller, Scheme scheme, String organisationId, String categoryCode, LocalDate date,
                    String description) {
        Times.checked("date", date);
        if (description != null && description.chars().anyMatch(Character::isISOControl)) {
            throw RejectedException.invalidField("description", "must be one line of text, without control characters");
        }
        Organisation organisation = access.organisation(caller, organisationId);
        if (!organisation.schemeId().equals(scheme.id())) {
            throw RejectedException.invalidField("organisationId", "is not an organisation of this scheme");
        }
        Category category = categories.findBySchemeIdAndCode(scheme.id(), categoryCode)
                .orElseThrow(() -> RejectedException.invalidField("categoryCode", "is not a category of this scheme; "
                        + "GET /v1/schemes/" + scheme.code() + "/categories lists them"));
        return new Session(scheme, organisation, category, date, description == null ? "" : Text.strip(description));
    }

    /** Logs one activity (one logged singly, an opportunity's sign-up); a refusal is the rule it broke. */
    Activity logOne(Caller caller, Session session, Line line, Approval approval) {
        return logAll(caller, session, List.of(line), List.of(), approval, Form.SINGLE).get(0);
    }

    /**
     * Logs a register's lines, all or none. {@code errors} are lines already refused by the
     * caller (unknown members); a refusal lists every refused line.
     */
    List<Activity> logRegister(Caller caller, Session session, List<Line> lines, List<LineError> errors,
                               Approval approval) {
        return logAll(caller, session, lines, errors, approval, Form.REGISTER);
    }

    /**
     * Minutes logged and still standing, per member and date, for dates in [from, to]: neither
     * rejected nor approved and then corrected by reversing the EARN entry.
     */
    private Map<String, Map<LocalDate, Long>> minutesByDay(List<String> memberIds, LocalDate from, LocalDate to) {
        List<ActivityStore.DayMinutes> logged = store.minutesByDay(memberIds, from, to);
        Set<String> reversed = ledger.reversedAmong(logged.stream().map(ActivityStore.DayMinutes::entryId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<String, Map<LocalDate, Long>> sums = new HashMap<>();
        logged.stream().filter(day -> day.entryId() == null || !reversed.contains(day.entryId()))
                .forEach(day -> sums.computeIfAbsent(day.memberId(), k -> new HashMap<>())
                        .merge(day.date(), day.minutes(), Long::sum));
        return sums;
    }

    /** Minutes of help each member gave on a date outside activities (exchanges), by every other feature that records some. */
    private Map<String, Long> helpElsewhere(List<String> memberIds, LocalDate date) {
        Map<String, Long> minutes = new HashMap<>();
        for (HelpElsewhere other : otherHelp) {
            other.minutesOn(memberIds, date).forEach((member, m) -> minutes.merge(member, m, Long::sum));
        }
        return minutes;
    }

    /**
     * Minutes of volunteering logged and still standing for each member on a date: what
     * {@link HelpChecks} adds to help recorded elsewhere for the 24-hour day.
     */
    Map<String, Long> loggedOn(List<String> memberIds, LocalDate date) {
        Map<String, Long> minutes = new HashMap<>();
        minutesByDay(memberIds, date, date).forEach((member, days) -> minutes.put(member, days.getOrDefault(date, 0L)));
        return minutes;
    }

    /** Checks every line against the rules, all of them before refusing, and logs all or none. */
    private List<Activity> logAll(Caller caller, Session session, List<Line> lines, List<LineError> errors,
                                  Approval approval, Form form) {
        List<LineError> refused = new ArrayList<>(errors);
        List<String> memberIds = lines.stream().map(l -> l.member().id()).toList();
        if (!memberIds.isEmpty()) {
            store.lockMembers(memberIds);
        }
        Scheme scheme = session.scheme();
        LocalDate today = scheme.today(clock.instant());
        LocalDate monday = EarningRules.weekOf(session.date());
        Map<String, Map<LocalDate, Long>> logged = memberIds.isEmpty() ? new HashMap<>()
                : minutesByDay(memberIds, monday, monday.plusDays(6));
        Map<String, List<VettingCheck>> vettings = session.category().requiresVetting() ? vetting.histories(memberIds) : Map.of();
        Map<String, Long> elsewhere = memberIds.isEmpty() ? Map.of() : helpElsewhere(memberIds, session.date());
        // staff approving at once must not pay themselves; a member signing up is paid by design
        String ownMemberId = approval == Approval.AT_ONCE && !caller.is(Role.MEMBER) ? staff.ownMemberId(caller) : null;

        for (Line line : lines) {
            Member member = line.member();
            Map<LocalDate, Long> days = logged.computeIfAbsent(member.id(), k -> new HashMap<>());
            EarningRules.Refusal refusal = firstOf(
                    EarningRules.minutes(line.minutes()),
                    EarningRules.date(scheme, today, session.date()),
                    EarningRules.vetting(session.category(), vettings.getOrDefault(member.id(), List.of()), session.date(),
                            member.displayName()),
                    EarningRules.limits(scheme, session.date(), line.minutes(), days,
                            elsewhere.getOrDefault(member.id(), 0L), member.displayName()),
                    member.id().equals(ownMemberId) ? ownActivity(caller, member) : null);
            if (refusal != null) {
                refused.add(new LineError(line.number(), refusal.rule().code(), refusal.message()));
            } else {
                days.merge(session.date(), line.minutes(), Long::sum);
            }
        }
        if (!refused.isEmpty()) {
            throw refusedLines(refused, lines.size() + errors.size(), form);
        }

        Instant now = now();
        List<Activity> activities = lines.stream()
                .map(line -> Activity.logged(session, line.member(), (int) line.minutes(), caller.principalId(), now))
                .toList();
        try {
            store.insertAll(activities);
        } catch (RuntimeException e) {
            if (session.award() != null && SqlErrors.isUniqueViolation(e)) {
                throw RejectedException.ruleViolated(EarningRule.AWARD_ONCE.code(), "A member in this request was awarded for "
                        + (session.award() == Activity.Award.SIGNUP ? "signing up to" : "attending")
                        + " this opportunity meanwhile; a member is awarded once for each.");
            }
            throw e;
        }
        if (approval == Approval.PENDING) {
            return activities;
        }
        Map<String, String> accounts = new HashMap<>();
        lines.forEach(l -> accounts.put(l.member().id(), l.member().accountId()));
        return earn(caller, session.scheme(), session.organisation(), session.category(), activities, accounts);
    }

    private static EarningRules.Refusal firstOf(EarningRules.Refusal... refusals) {
        return Stream.of(refusals).filter(r -> r != null).findFirst().orElse(null);
    }

    private static RejectedException refusedLines(List<LineError> refused, int lineCount, Form form) {
        if (form == Form.SINGLE) {
            LineError only = refused.get(0); // a single activity is refused by a rule, never an input line
            return RejectedException.ruleViolated(only.rule(), only.message());
        }
        List<LineError> sorted = refused.stream().sorted(java.util.Comparator.comparingInt(LineError::line)).toList();
        boolean allRules = sorted.stream().allMatch(l -> !Registers.isInputProblem(l.rule()));
        return RejectedException.linesRefused(allRules ? Refusal.RULE_VIOLATED : Refusal.VALIDATION_FAILED,
                sorted.size() + " of " + lineCount + (lineCount == 1 ? " line" : " lines") + " cannot be logged, so none was: see lines. "
                        + "Correct or remove them and send the register again.", sorted);
    }

    private static EarningRules.Refusal ownActivity(Caller caller, Member member) {
        return new EarningRules.Refusal(EarningRule.OWN_ACTIVITY, member.displayName() + " is your own member record; "
                + "another coordinator or an administrator must approve credits for you.");
    }

    // ---- approving and rejecting ----

    /**
     * Posts one EARN entry per activity and marks each approved, all in the caller's transaction.
     * One entry each, not one entry for a whole register: each activity then points at its own
     * entry, a member's statement shows a two-sided entry for their own hours, and correcting one
     * person's hours reverses their entry alone.
     */
    private List<Activity> earn(Caller caller, Scheme scheme, Organisation organisation, Category category,
                                List<Activity> activities, Map<String, String> memberAccounts) {
        String from = scheme.allocationsRequired() ? organisation.accountId()
                : issuance.forEarning(scheme, memberAccounts.get(activities.get(0).memberId()));
        List<Ledger.Draft> drafts = activities.stream().map(a -> new Ledger.Draft(scheme.id(), EntryType.EARN,
                memo(category, a), Actor.of(caller.principalId()), null,
                List.of(new Posting(from, -a.minutes()), new Posting(memberAccounts.get(a.memberId()), a.minutes()))))
                .toList();
        List<JournalEntry> entries;
        try {
            entries = ledger.postAll(drafts);
        } catch (RejectedException e) {
            if (e.rejection() == Rejection.INSUFFICIENT_CREDITS && scheme.allocationsRequired()) {
                throw allocationExhausted(organisation, activities);
            }
            throw e;
        }
        Instant now = now();
        List<Activity> approved = new ArrayList<>(activities.size());
        for (int i = 0; i < activities.size(); i++) {
            approved.add(activities.get(i).approved(caller.principalId(), now, entries.get(i).id()));
        }
        store.decideAll(approved);
        List<Event> decided = new ArrayList<>(approved.size());
        for (int i = 0; i < approved.size(); i++) {
            JournalEntry entry = entries.get(i);
            decided.add(decision(approved.get(i), EventType.ACTIVITY_APPROVED)
                    .withEntry(entry.id(), entry.type().name(), entry.postings().stream().map(Posting::accountId).toList()));
        }
        events.recordAll(decided);
        return approved;
    }

    private RejectedException allocationExhausted(Organisation organisation, List<Activity> activities) {
        long leftMinutes = ledger.findAccount(organisation.accountId()).map(a -> a.availableMinutes()).orElse(0L);
        long neededMinutes = activities.stream().mapToLong(Activity::minutes).sum();
        return new RejectedException(Rejection.INSUFFICIENT_CREDITS, organisation.name() + " has " + Minutes.inWords(leftMinutes)
                + " of its allocation left; approving this needs " + Minutes.inWords(neededMinutes) + ". An administrator can allocate more.");
    }

    private static String memo(Category category, Activity activity) {
        String memo = category.name() + ", " + activity.date() + (activity.description().isEmpty() ? "" : ": " + activity.description());
        return memo.length() <= 500 ? memo : memo.substring(0, 499) + "…";
    }

    /**
     * Approves a pending activity; an approved one is answered as it is (approving is idempotent),
     * a rejected one is refused. Runs on the caller's transaction, holding the activity's row
     * lock, so two coordinators approving at once create one entry.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ActivityView approve(Caller caller, String activityId) {
        Activity activity = lockForDecision(caller, activityId);
        Scheme scheme = schemes.findById(activity.schemeId()).orElseThrow();
        if (activity.status() == Activity.Status.APPROVED) {
            return ActivityView.of(activity, scheme.code());
        }
        if (activity.status() == Activity.Status.REJECTED) {
            throw new RejectedException(Refusal.ACTIVITY_ALREADY_DECIDED, "Activity " + activityId + " was rejected ("
                    + activity.rejectionReason() + "); log it again if it should earn credits.");
        }
        if (activity.memberId().equals(staff.ownMemberId(caller))) {
            throw RejectedException.ruleViolated(EarningRule.OWN_ACTIVITY.code(), activity.loggedBy().equals(caller.principalId())
                    ? "You logged this activity for yourself; another coordinator or an administrator must approve it."
                    : "This activity earns credits for your own member record; another coordinator or an administrator must approve it.");
        }
        Category category = categories.findById(activity.categoryId()).orElseThrow();
        Member member = parties.findMember(activity.memberId()).orElseThrow();
        // vetting may have lapsed or been withdrawn since the activity was logged
        EarningRules.Refusal vetted = EarningRules.vetting(category, vetting.histories(List.of(member.id()))
                .getOrDefault(member.id(), List.of()), activity.date(), member.displayName());
        if (vetted != null) {
            throw vetted.rejection();
        }
        Organisation organisation = parties.findOrganisation(activity.organisationId()).orElseThrow();
        Activity approved = earn(caller, scheme, organisation, category, List.of(activity),
                Map.of(member.id(), member.accountId())).get(0);
        return ActivityView.of(approved, scheme.code());
    }

    /**
     * Undoes a mistaken approval: reverses its EARN entry (the credits go back where they came
     * from) and marks the activity REVERSED, on the command's transaction holding the activity's
     * row lock. Undoing again answers it as it is; an approval whose entry was already reversed
     * directly is marked, with no second reversal. The member must still hold the credits.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ActivityView undoApproval(Caller caller, String activityId, String reason) {
        Activity activity = lockForDecision(caller, activityId);
        Scheme scheme = schemes.findById(activity.schemeId()).orElseThrow();
        if (activity.status() == Activity.Status.REVERSED) {
            return ActivityView.of(activity, scheme.code());
        }
        if (activity.status() != Activity.Status.APPROVED) {
            throw new RejectedException(Refusal.ACTIVITY_NOT_APPROVED, "Activity " + activityId + " is "
                    + activity.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (activity.status() == Activity.Status.PENDING ? "; reject it instead of undoing it." : "; it earned nothing."));
        }
        String reversal = activity.reversedByEntryId();
        if (reversal == null) {
            reversal = reverseEarning(activity, reason, caller).id();
        }
        Activity undone = activity.reversed(reversal, reason);
        store.markReversed(undone);
        audit.record(caller, activity.schemeId(), Action.ACTIVITY_REVERSED, Subject.activity(activity.id()), Changes.of()
                .field("status", activity.status(), undone.status())
                .field("reversedByEntryId", null, reversal)
                .field("reason", null, reason));
        return ActivityView.of(undone, scheme.code());
    }

    private org.timeledger.ledger.model.JournalEntry reverseEarning(Activity activity, String reason, Caller caller) {
        try {
            String memo = "Approval undone: " + reason;
            return ledger.reverse(activity.entryId(), memo.length() > 500 ? memo.substring(0, 500) : memo,
                    Actor.of(caller.principalId()));
        } catch (RejectedException e) {
            if (e.rejection() != org.timeledger.ledger.model.Rejection.INSUFFICIENT_CREDITS) {
                throw e;
            }
            throw new RejectedException(org.timeledger.ledger.model.Rejection.INSUFFICIENT_CREDITS, activity.memberName()
                    + " has already spent or given away some of the " + org.timeledger.ledger.model.Minutes.inWords(activity.minutes())
                    + " this approval earned, so it cannot be undone in full; correct it with a new adjustment instead.");
        }
    }

    public ActivityView reject(Caller caller, String activityId, String reason) {
        return transactions.write(() -> {
            Activity activity = lockForDecision(caller, activityId);
            String code = schemes.codeOf(activity.schemeId());
            if (activity.status() == Activity.Status.REJECTED) {
                return ActivityView.of(activity, code);
            }
            if (activity.status() == Activity.Status.APPROVED) {
                throw new RejectedException(Refusal.ACTIVITY_ALREADY_DECIDED, "Activity " + activityId
                        + " was approved and earned entry " + activity.entryId()
                        + "; to take the credits back, reverse that entry.");
            }
            Activity rejected = activity.rejected(caller.principalId(), now(), Text.strip(reason));
            store.decideAll(List.of(rejected));
            events.record(decision(rejected, EventType.ACTIVITY_REJECTED));
            return ActivityView.of(rejected, code);
        });
    }

    /** The feed's record of a decision: ids and minutes, never the description or the reason. */
    private static Event decision(Activity activity, EventType type) {
        return Event.of(activity.schemeId(), type, activity.decidedAt()).withActivity(activity.id(), activity.organisationId())
                .withMember(activity.memberId()).withAmount(activity.minutes());
    }

    private Activity lockForDecision(Caller caller, String activityId) {
        return store.lock(activityId).filter(a -> mayDecide(caller, a))
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No activity " + activityId + "."));
    }

    // ---- reading ----

    public ActivityView get(Caller caller, String activityId) {
        return transactions.read(() -> store.find(activityId).filter(a -> maySee(caller, a))
                .map(a -> ActivityView.of(a, schemes.codeOf(a.schemeId())))
                .orElseThrow(() -> new RejectedException(Refusal.NOT_FOUND, "No activity " + activityId + ".")));
    }

    /** Query parameters of a list of activities, as sent. */
    public record ListQuery(String status, String organisationId, String memberId, String from, String to,
                            Integer limit, String cursor) {
    }

    public Page<ActivityView> list(Caller caller, String schemeCode, ListQuery query) {
        return transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            Set<String> organisations = null;
            if (query.organisationId() != null) {
                organisations = Set.of(access.organisation(caller, query.organisationId()).id());
            } else if (caller.is(Role.COORDINATOR)) {
                organisations = caller.organisationIds();
            }
            if (query.memberId() != null) {
                access.member(caller, query.memberId());
            }
            return page(scheme, organisations, query.memberId(), query);
        });
    }

    /** A member's own activities, newest first. */
    public Page<ActivityView> mine(Caller caller, ListQuery query) {
        return transactions.read(() -> {
            Member member = access.member(caller, caller.memberId());
            Scheme scheme = schemes.findById(member.schemeId()).orElseThrow();
            return page(scheme, null, member.id(), query);
        });
    }

    private Page<ActivityView> page(Scheme scheme, Set<String> organisations, String memberId, ListQuery query) {
        if (organisations != null && organisations.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        int size = Cursors.limit(query.limit());
        String before = Cursors.decode(query.cursor(), null);
        ActivityStore.Filter filter = new ActivityStore.Filter(scheme.id(), status(query.status()), organisations,
                memberId, Times.date("from", query.from()), Times.date("to", query.to()));
        return Page.fetch(size, rows -> store.page(filter, before, rows), Activity::id,
                a -> ActivityView.of(a, scheme.code()));
    }

    private static Activity.Status status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return Activity.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw RejectedException.invalidField("status", "must be PENDING, APPROVED or REJECTED");
        }
    }

    RegisterView registerView(List<Activity> activities, Scheme scheme) {
        long totalMinutes = activities.stream().mapToLong(Activity::minutes).sum();
        return new RegisterView(activities.size(), totalMinutes, activities.get(0).status(),
                activities.stream().map(a -> ActivityView.of(a, scheme.code())).toList());
    }

    private boolean maySee(Caller caller, Activity activity) {
        return caller.inScheme(activity.schemeId()) && (caller.is(Role.ADMIN, Role.AUDITOR)
                || caller.is(Role.COORDINATOR) && caller.organisationIds().contains(activity.organisationId())
                || caller.is(Role.MEMBER) && activity.memberId().equals(caller.memberId()));
    }

    private static boolean mayDecide(Caller caller, Activity activity) {
        return caller.inScheme(activity.schemeId()) && (caller.is(Role.ADMIN)
                || caller.is(Role.COORDINATOR) && caller.organisationIds().contains(activity.organisationId()));
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}

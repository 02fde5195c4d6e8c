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
import org.timeledger.query.Cursors;
import org.timeledger.query.Page;
import org.timeledger.problem.RejectedException;
import org.timeledger.problem.RejectedException.LineError;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Organisation;
import org.timeledger.schemes.PartyService;
import org.timeledger.schemes.Scheme;
import org.timeledger.schemes.SchemeService;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.Transactions;
import org.timeledger.volunteering.ActivityService.Line;
import org.timeledger.volunteering.ActivityService.Session;
import org.timeledger.volunteering.VolunteeringViews.ActivityView;
import org.timeledger.volunteering.VolunteeringViews.OpportunityView;
import org.timeledger.volunteering.VolunteeringViews.RegisterView;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sign-up and attendance awards. Staff set an opportunity up with its awards; signing up and
 * attending then create activities of that size, approved at once, through the same rules as
 * any activity. A member is awarded for signing up once and for attending once per opportunity.
 */
@Singleton
public class OpportunityService {
    private final AuditTrail audit;
    private final OpportunityRepository opportunities;
    private final CategoryRepository categories;
    private final ActivityService activities;
    private final ActivityStore store;
    private final Access access;
    private final PartyService parties;
    private final SchemeService schemes;
    private final Staff staff;
    private final Transactions transactions;
    private final Clock clock;

    public OpportunityService(AuditTrail audit, OpportunityRepository opportunities, CategoryRepository categories,
                              ActivityService activities, ActivityStore store, Access access, PartyService parties,
                              SchemeService schemes, Staff staff, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.staff = staff;
        this.opportunities = opportunities;
        this.categories = categories;
        this.activities = activities;
        this.store = store;
        this.access = access;
        this.parties = parties;
        this.schemes = schemes;
        this.transactions = transactions;
        this.clock = clock;
    }

    public OpportunityView create(Caller caller, String schemeCode, VolunteeringRequests.CreateOpportunity request) {
        Times.checked("date", request.date());
        checkAward("signupAwardMinutes", request.signupAwardMinutes());
        checkAward("attendanceAwardMinutes", request.attendanceAwardMinutes());
        if (request.signupAwardMinutes() == 0 && request.attendanceAwardMinutes() == 0) {
            throw RejectedException.invalidField("attendanceAwardMinutes", "an opportunity awards something for signing up, attending or both");
        }
        return transactions.write(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            Session session = activities.session(caller, scheme, request.organisationId(), request.categoryCode(),
                    request.date(), null);
            Opportunity opportunity = opportunities.save(new Opportunity(Ids.newId("opp"), scheme.id(),
                    session.organisation().id(), session.category().id(), Text.strip(request.title()), request.date(),
                    request.signupAwardMinutes().intValue(), request.attendanceAwardMinutes().intValue(),
                    caller.principalId(), Clocks.now(clock)));
            audit.record(caller, scheme.id(), Action.OPPORTUNITY_CREATED, Subject.opportunity(opportunity.id()), Changes.of()
                    .field("organisationId", null, opportunity.organisationId())
                    .field("categoryCode", null, session.category().code())
                    .field("title", null, opportunity.title())
                    .field("date", null, opportunity.heldOn())
                    .field("signupAwardMinutes", null, opportunity.signupAwardMinutes())
                    .field("attendanceAwardMinutes", null, opportunity.attendanceAwardMinutes()));
            return OpportunityView.of(opportunity, scheme.code(), session.category().code());
        });
    }

    private static void checkAward(String field, long minutes) {
        if (minutes < 0 || minutes > EarningRules.MAX_MINUTES) {
            throw RejectedException.invalidField(field, "must be 0 to 1440 minutes (0: no award)");
        }
    }

    public OpportunityView get(Caller caller, String id) {
        return transactions.read(() -> {
            Opportunity opportunity = visible(caller, id);
            return view(opportunity);
        });
    }

    public Page<OpportunityView> list(Caller caller, String schemeCode, Integer limit, String cursor) {
        return transactions.read(() -> {
            Scheme scheme = access.scheme(caller, schemeCode);
            int size = Cursors.limit(limit);
            String after = Cursors.decode(cursor, "");
            return Page.fetch(size, rows -> opportunities.page(scheme.id(), after, rows), Opportunity::id, this::view);
        });
    }

    /**
     * A member signs up: staff name the member, a member signs up themselves. In the
     * command's transaction (the one that records the Idempotency-Key).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ActivityView signup(Caller caller, String id, VolunteeringRequests.Signup request) {
        Opportunity opportunity = forAward(caller, id);
        Scheme scheme = schemes.findById(opportunity.schemeId()).orElseThrow();
        Member member = signingUp(caller, scheme, request.memberId());
        if (opportunity.signupAwardMinutes() == 0) {
            throw RejectedException.ruleViolated(EarningRule.NO_AWARD.code(), "'" + opportunity.title()
                    + "' awards nothing for signing up, only for attending.");
        }
        LocalDate today = scheme.today(clock.instant());
        if (opportunity.heldOn().isBefore(today)) {
            throw RejectedException.ruleViolated(EarningRule.SIGNUP_CLOSED.code(), "'" + opportunity.title() + "' was on "
                    + opportunity.heldOn() + "; signing up closes when its day has passed.");
        }
        if (caller.is(Role.MEMBER) && staff.isStaffBehind(member.id(), opportunity.createdBy(), opportunity.organisationId())) {
            // otherwise a coordinator could set up an award and collect it with their member login
            throw RejectedException.ruleViolated(EarningRule.OWN_ACTIVITY.code(), member.displayName()
                    + " also runs this opportunity as staff; another coordinator or an administrator must sign them up.");
        }
        if (!store.awarded(opportunity.id(), Activity.Award.SIGNUP, List.of(member.id())).isEmpty()) {
            throw RejectedException.ruleViolated(EarningRule.AWARD_ONCE.code(), member.displayName()
                    + " has already signed up for '" + opportunity.title() + "'; a member is awarded for signing up once.");
        }
        Session session = session(caller, scheme, opportunity, today, Activity.Award.SIGNUP);
        Activity awarded = activities.logOne(caller, session, new Line(1, member, opportunity.signupAwardMinutes()),
                ActivityService.Approval.AT_ONCE);
        return ActivityView.of(awarded, scheme.code());
    }

    /** Staff record who came. In the command's transaction (the one that records the Idempotency-Key). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RegisterView attendance(Caller caller, String id, VolunteeringRequests.Attendance request) {
        Opportunity opportunity = forAward(caller, id);
        Scheme scheme = schemes.findById(opportunity.schemeId()).orElseThrow();
        if (opportunity.attendanceAwardMinutes() == 0) {
            throw RejectedException.ruleViolated(EarningRule.NO_AWARD.code(), "'" + opportunity.title()
                    + "' awards nothing for attending, only for signing up.");
        }
        List<Registers.Ref> refs = new ArrayList<>();
        for (int i = 0; i < request.memberIds().size(); i++) {
            refs.add(new Registers.Ref(i + 1, Text.strip(request.memberIds().get(i)), (long) opportunity.attendanceAwardMinutes()));
        }
        Registers.Resolved resolved = Registers.resolve(refs, List.of(), scheme, parties);
        Set<String> already = resolved.lines().isEmpty() ? Set.of() : store.awarded(opportunity.id(),
                Activity.Award.ATTENDANCE, resolved.lines().stream().map(l -> l.member().id()).toList());
        List<Line> lines = new ArrayList<>();
        List<LineError> errors = new ArrayList<>(resolved.errors());
        for (Line line : resolved.lines()) {
            if (already.contains(line.member().id())) {
                errors.add(new LineError(line.number(), EarningRule.AWARD_ONCE.code(), line.member().displayName()
                        + " was already awarded for attending; a member is awarded for attending once."));
            } else {
                lines.add(line);
            }
        }
        Session session = session(caller, scheme, opportunity, opportunity.heldOn(), Activity.Award.ATTENDANCE);
        List<Activity> awarded = activities.logRegister(caller, session, lines, errors, ActivityService.Approval.AT_ONCE);
        return activities.registerView(awarded, scheme);
    }

    private Session session(Caller caller, Scheme scheme, Opportunity opportunity, LocalDate date,
                            Activity.Award award) {
        Organisation organisation = parties.findOrganisation(opportunity.organisationId()).orElseThrow();
        Category category = categories.findById(opportunity.categoryId()).orElseThrow();
        String description = (award == Activity.Award.SIGNUP ? "Signed up: " : "Attended: ") + opportunity.title();
        return new Session(scheme, organisation, category, date, description, opportunity.id(), award);
    }

    private Member signingUp(Caller caller, Scheme scheme, String memberId) {
        if (caller.is(Role.MEMBER)) {
            if (memberId != null && !memberId.equals(caller.memberId())) {
                throw RejectedException.invalidField("memberId", "a member signs up themselves; leave it out");
            }
            return access.member(caller, caller.memberId());
        }
        if (memberId == null) {
            throw RejectedException.invalidField("memberId", "name the member who signs up");
        }
        return parties.findMember(memberId).filter(m -> m.schemeId().equals(scheme.id()))
                .orElseThrow(() -> RejectedException.invalidField("memberId", "is not a member of this scheme"));
    }

    /** An opportunity the caller may see; for awards by a coordinator, one of their organisations'. */
    private Opportunity forAward(Caller caller, String id) {
        Opportunity opportunity = visible(caller, id);
        if (caller.is(Role.COORDINATOR) && !caller.organisationIds().contains(opportunity.organisationId())) {
            throw notFound(id);
        }
        return opportunity;
    }

    private Opportunity visible(Caller caller, String id) {
        return opportunities.findById(id).filter(o -> caller.inScheme(o.schemeId()))
                .orElseThrow(() -> notFound(id));
    }

    private OpportunityView view(Opportunity o) {
        String category = categories.findById(o.categoryId()).map(Category::code).orElseThrow();
        return OpportunityView.of(o, schemes.codeOf(o.schemeId()), category);
    }

    private static RejectedException notFound(String id) {
        return new RejectedException(Refusal.NOT_FOUND, "No opportunity " + id + ".");
    }
}

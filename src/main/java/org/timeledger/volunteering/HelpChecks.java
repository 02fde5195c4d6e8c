package org.timeledger.volunteering;

import jakarta.inject.Singleton;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Member;
import org.timeledger.schemes.Scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Volunteering's rules as other features need them for help given outside an activity (a
 * timebank's exchange, a listing's match): the scheme's kinds of help, whether a helper is
 * cleared on a day, and the help already logged on a day.
 */
@Singleton
public class HelpChecks {
    /** The most help one member gives on one day, and in one go: 24 hours. */
    public static final int DAY_MINUTES = EarningRules.MAX_MINUTES;

    private final CategoryRepository categories;
    private final Vetting vetting;
    private final ActivityService activities;

    HelpChecks(CategoryRepository categories, Vetting vetting, ActivityService activities) {
        this.categories = categories;
        this.vetting = vetting;
        this.activities = activities;
    }

    /** The scheme's category with this code, or a 400 naming {@code field}. */
    public Category category(Scheme scheme, String code, String field) {
        return categories.findBySchemeIdAndCode(scheme.id(), code)
                .orElseThrow(() -> RejectedException.invalidField(field, "is not a category of this scheme; "
                        + "GET /v1/schemes/" + scheme.code() + "/categories lists them"));
    }

    public Optional<Category> categoryById(String id) {
        return categories.findById(id);
    }

    /**
     * Why the helper may not give this kind of help on the date (a sentence for the person asking),
     * or empty when the category needs no vetting or the helper was cleared on the day.
     */
    public Optional<String> notCleared(Category category, Member helper, LocalDate date) {
        EarningRules.Refusal refusal = EarningRules.vetting(category,
                vetting.histories(List.of(helper.id())).getOrDefault(helper.id(), List.of()), date, helper.displayName(), "help");
        return Optional.ofNullable(refusal).map(EarningRules.Refusal::message);
    }

    /** Minutes of volunteering the member has logged on the date and still standing. */
    public long activityMinutesOn(Member member, LocalDate date) {
        return activities.loggedOn(List.of(member.id()), date).getOrDefault(member.id(), 0L);
    }
}

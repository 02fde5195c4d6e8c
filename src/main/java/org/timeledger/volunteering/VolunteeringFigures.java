package org.timeledger.volunteering;

import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What volunteering a scheme did, for the reports: read-only, on the caller's transaction. */
@Singleton
public class VolunteeringFigures {
    private final ActivityReportStore store;
    private final CategoryRepository categories;

    public VolunteeringFigures(ActivityReportStore store, CategoryRepository categories) {
        this.store = store;
        this.categories = categories;
    }

    /** The date of the scheme's earliest activity (logged back-dated, it may precede the scheme). */
    public Optional<LocalDate> earliestActivityDate(String schemeId) {
        return store.earliestDate(schemeId);
    }

    /** Approved volunteering dated in [first, last] and not corrected since, per category, organisation and member. */
    public List<ApprovedMinutes> approvedMinutes(String schemeId, LocalDate first, LocalDate last) {
        return store.approvedMinutes(schemeId, first, last);
    }

    /** The scheme's categories, by code. */
    public List<Category> categories(String schemeId) {
        return categories.findBySchemeIdOrderByCode(schemeId);
    }
}

package org.timeledger.volunteering;

import org.timeledger.support.Text;
import org.timeledger.audit.Action;
import org.timeledger.audit.AuditTrail;
import org.timeledger.audit.Changes;
import org.timeledger.audit.Subject;
import org.timeledger.problem.Refusal;
import jakarta.inject.Singleton;
import org.timeledger.access.Access;
import org.timeledger.identity.Caller;
import org.timeledger.problem.RejectedException;
import org.timeledger.schemes.Scheme;
import org.timeledger.support.Clocks;
import org.timeledger.support.Ids;
import org.timeledger.support.SqlErrors;
import org.timeledger.support.Transactions;
import org.timeledger.volunteering.VolunteeringViews.CategoryView;

import java.time.Clock;
import java.util.List;

/** A scheme's kinds of volunteering. */
@Singleton
public class Categories {
    private final AuditTrail audit;
    private final CategoryRepository categories;
    private final Access access;
    private final Transactions transactions;
    private final Clock clock;

    public Categories(AuditTrail audit, CategoryRepository categories, Access access, Transactions transactions, Clock clock) {
        this.audit = audit;
        this.categories = categories;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    public CategoryView create(Caller caller, String schemeCode, VolunteeringRequests.CreateCategory request) {
        Scheme scheme = access.scheme(caller, schemeCode);
        try {
            return transactions.write(() -> {
                if (categories.findBySchemeIdAndCode(scheme.id(), request.code()).isPresent()) {
                    throw codeTaken(request.code());
                }
                Category category = categories.save(new Category(Ids.newId("cat"), scheme.id(), request.code(),
                        Text.strip(request.name()), Boolean.TRUE.equals(request.requiresVetting()), Clocks.now(clock)));
                audit.record(caller, scheme.id(), Action.CATEGORY_CREATED, Subject.category(category.id()), Changes.of()
                        .field("code", null, category.code())
                        .field("name", null, category.name())
                        .field("requiresVetting", null, category.requiresVetting()));
                return CategoryView.of(category);
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw codeTaken(request.code());
            }
            throw e;
        }
    }

    public List<CategoryView> list(Caller caller, String schemeCode) {
        Scheme scheme = access.scheme(caller, schemeCode);
        return categories.findBySchemeIdOrderByCode(scheme.id()).stream().map(CategoryView::of).toList();
    }

    private static RejectedException codeTaken(String code) {
        return new RejectedException(Refusal.CATEGORY_CODE_TAKEN, "This scheme already has a category '" + code + "'.");
    }
}

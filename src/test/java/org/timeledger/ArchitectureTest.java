package org.timeledger;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, as docs/architecture.md draws it: the layers point one way, no two
 * packages depend on each other, and a feature never reaches into another feature's
 * controller, store or repository.
 */
class ArchitectureTest {
    private static final String ROOT = "org.timeledger";
    private static final Pattern OWNED = Pattern.compile(".*(Controller|Store|Repository)$");
    private static JavaClasses code;

    @BeforeAll
    static void importCode() {
        code = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Edge").definedBy(ROOT, ROOT + ".http..", ROOT + ".console..", ROOT + ".demo..")
                .layer("Features").definedBy(ROOT + ".access..", ROOT + ".schemes..", ROOT + ".events..",
                        ROOT + ".giving..", ROOT + ".volunteering..", ROOT + ".timebank..", ROOT + ".redemption..", ROOT + ".reports..",
                        ROOT + ".privacy..", ROOT + ".operations..", ROOT + ".ledger.api..", ROOT + ".membership..",
                        ROOT + ".audit.api..")
                .layer("Audit").definedBy(ROOT + ".audit")
                .layer("Web").definedBy(ROOT + ".web..", ROOT + ".command..")
                .layer("Ledger").definedBy(ROOT + ".ledger", ROOT + ".ledger.view..")
                .layer("LedgerStore").definedBy(ROOT + ".ledger.store..")
                .layer("LedgerModel").definedBy(ROOT + ".ledger.model..")
                .layer("Support").definedBy(ROOT + ".support..", ROOT + ".problem..", ROOT + ".identity..", ROOT + ".query..")
                .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Edge")
                .whereLayer("Audit").mayOnlyBeAccessedByLayers("Edge", "Features")
                .whereLayer("Web").mayOnlyBeAccessedByLayers("Edge", "Features", "Audit")
                .whereLayer("Ledger").mayOnlyBeAccessedByLayers("Edge", "Features", "Web", "Audit")
                .whereLayer("LedgerStore").mayOnlyBeAccessedByLayers("Ledger")
                .whereLayer("LedgerModel").mayOnlyBeAccessedByLayers("Edge", "Features", "Audit", "Web", "Ledger", "LedgerStore")
                .check(code);
    }

    @Test
    void blankHasOneDefinition() {
        // support.Text says what blank is for every text a request carries; jakarta's @NotBlank
        // has another (a no-break space is text to it, U+001F blank): use support.Filled, NameText or NoteText
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.validation.constraints.NotBlank")
                .check(code);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(code);
    }

    @Test
    void aFeatureKeepsItsControllersStoresAndRepositories() {
        classes().should(new ArchCondition<JavaClass>("use only their own feature's controllers, stores and repositories") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getPackageName().startsWith(ROOT) && OWNED.matcher(target.getSimpleName()).matches()
                            && !feature(target).equals(feature(item))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).check(code);
    }

    /** A class's feature: the first package below the root (ledger.store is the ledger's). */
    private static String feature(JavaClass type) {
        String rest = type.getPackageName().equals(ROOT) ? "" : type.getPackageName().substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}

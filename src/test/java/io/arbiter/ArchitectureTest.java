package io.arbiter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package structure, as rules that fail the build when it erodes (docs/architecture.md describes it): no
 * dependency cycle between any two packages, HTTP only in api and nothing depending on it, and the bottom packages
 * (storage, settings, input checks, bundle sources) depending on nothing of ours.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.arbiter");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.arbiter.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOutsideApiDependsOnApi() {
        noClasses().that().resideOutsideOfPackage("io.arbiter.api..")
                .should().dependOnClassesThat().resideInAPackage("io.arbiter.api..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("io.arbiter.wiring..")
                .should().dependOnClassesThat().resideInAPackage("io.arbiter.wiring..")
                .check(classes);
    }

    @Test
    void theBottomPackagesDependOnNothingOfOurs() {
        for (String bottom : new String[] {"store", "config", "input", "bundle"}) {
            String own = "io.arbiter." + bottom;
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAPackage("io.arbiter..").and(not(resideInAPackage(own))))
                    .because(bottom + " is below every other package")
                    .check(classes);
        }
    }
}

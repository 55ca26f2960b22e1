package io.arbiter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The package structure, as rules that fail the build when it erodes: no dependency cycle between any two packages,
 * nothing depending on api or on the composition root, and every package using only the packages its row of the
 * table in docs/architecture.md ("Packages") lists, rows that name only earlier rows, so that the table a reader
 * relies on cannot go stale.
 */
class ArchitectureTest {

    private static final String ROOT = "io.arbiter";
    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|.*\\| ([^|]+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");

    private static JavaClasses classes;
    private static Map<String, Set<String>> mayUse;

    @BeforeAll
    static void importClasses() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        mayUse = documentedPackages();
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOutsideApiDependsOnApi() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".wiring..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".wiring..")
                .check(classes);
    }

    @Test
    void everyPackageIsInTheTableAndTheTableNamesOnlyPackages() {
        Set<String> actual = classes.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(actual, new TreeSet<>(mayUse.keySet()), "the packages of " + ARCHITECTURE);
        Set<String> named = mayUse.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        named.removeAll(actual);
        assertEquals(Set.of(), named, "names in the 'May use' column that are no package");
    }

    @Test
    void theTableIsLayered() {
        Set<String> earlier = new TreeSet<>();
        mayUse.forEach((name, allowed) -> {
            Set<String> later = new TreeSet<>(allowed);
            later.removeAll(earlier);
            assertEquals(Set.of(), later, name + " may use only packages listed before it in " + ARCHITECTURE);
            earlier.add(name);
        });
    }

    @Test
    void everyPackageUsesOnlyWhatItsRowAllows() {
        List<String> violations = new ArrayList<>();
        mayUse.forEach((name, allowed) -> {
            String[] permitted = Stream.concat(Stream.of(name), allowed.stream())
                    .map(p -> ROOT + "." + p).toArray(String[]::new);
            EvaluationResult result = noClasses().that().resideInAPackage(ROOT + "." + name)
                    .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(permitted))))
                    .because(name + " may use only " + (allowed.isEmpty() ? "nothing of ours" : allowed)
                            + " (" + ARCHITECTURE + ")")
                    .allowEmptyShould(true)
                    .evaluate(classes);
            if (result.hasViolation()) {
                violations.addAll(result.getFailureReport().getDetails());
            }
        });
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    /** The rows of the Packages table: a package and the packages of ours it may use ("nothing of ours": none). */
    private static Map<String, Set<String>> documentedPackages() throws IOException {
        String text = Files.readString(ARCHITECTURE);
        int start = text.indexOf("\n## Packages\n");
        int end = text.indexOf("\n## ", start + 1);
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String line : text.substring(start, end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Set<String> allowed = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    allowed.add(name.group(1));
                }
                rows.put(row.group(1), allowed);
            }
        }
        assertFalse(rows.isEmpty(), "no Packages table in " + ARCHITECTURE);
        return rows;
    }
}

package io.calltracker.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The daemon's packages run one way, along a call's journey: intake → tracking → archive → guard →
 * exotel → records → publishing, with api on top and base (shared pieces) below everything. A newcomer may
 * change a package knowing that only the packages above it can notice.
 */
class PackageRulesTest {

    private static JavaClasses daemon;

    @BeforeAll
    static void importDaemon() {
        daemon = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calltracker");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.calltracker.(*)..").should().beFreeOfCycles().check(daemon);
    }

    @Test
    void dependenciesRunDownhill() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.calltracker.api..")
                .layer("intake").definedBy("io.calltracker.intake..")
                .layer("tracking").definedBy("io.calltracker.tracking..")
                .layer("archive").definedBy("io.calltracker.archive..")
                .layer("guard").definedBy("io.calltracker.guard..")
                .layer("exotel").definedBy("io.calltracker.exotel..")
                .layer("records").definedBy("io.calltracker.records..")
                .layer("publishing").definedBy("io.calltracker.publishing..")
                .layer("base").definedBy("io.calltracker.base..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("intake").mayOnlyBeAccessedByLayers("api")
                .whereLayer("tracking").mayOnlyBeAccessedByLayers("api", "intake")
                .whereLayer("archive").mayOnlyBeAccessedByLayers("api", "intake", "tracking")
                .whereLayer("guard").mayOnlyBeAccessedByLayers("api", "intake", "tracking", "archive")
                .whereLayer("exotel").mayOnlyBeAccessedByLayers("api", "intake", "tracking", "archive", "guard")
                .whereLayer("records").mayOnlyBeAccessedByLayers("api", "intake", "tracking", "archive", "guard", "exotel")
                .whereLayer("publishing").mayOnlyBeAccessedByLayers("api", "intake", "tracking", "archive", "guard", "exotel",
                        "records")
                .check(daemon);
    }

    @Test
    void baseUsesNoOtherPackage() {
        noClasses().that().resideInAPackage("io.calltracker.base..")
                .should().dependOnClassesThat().resideInAnyPackage("io.calltracker.api..", "io.calltracker.intake..",
                        "io.calltracker.tracking..", "io.calltracker.archive..", "io.calltracker.guard..", "io.calltracker.exotel..",
                        "io.calltracker.records..", "io.calltracker.publishing..")
                .check(daemon);
    }
}

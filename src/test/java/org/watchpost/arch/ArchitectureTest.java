package org.watchpost.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer arrows of docs/architecture.md, enforced: a slip fails the build. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.watchpost");
    }

    @Test
    void coreLayersDoNotUseJavaFx() {
        noClasses().that().resideInAnyPackage("org.watchpost.engine..", "org.watchpost.store..", "org.watchpost.report..",
                        "org.watchpost.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("only ui and app may touch JavaFX").allowEmptyShould(true).check(classes);
    }

    @Test
    void engineDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.watchpost.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.watchpost.store..", "org.watchpost.report..",
                        "org.watchpost.schedule..", "org.watchpost.ui..", "org.watchpost.app..")
                .check(classes);
    }

    @Test
    void storeDependsOnlyOnTheEngineModel() {
        noClasses().that().resideInAPackage("org.watchpost.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.watchpost.report..", "org.watchpost.schedule..",
                        "org.watchpost.ui..", "org.watchpost.app..", "org.watchpost.engine.check..",
                        "org.watchpost.engine.portscan..", "org.watchpost.engine.service..")
                .check(classes);
    }

    @Test
    void reportAndScheduleDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.watchpost.report..", "org.watchpost.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("org.watchpost.ui..", "org.watchpost.app..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("org.watchpost.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.watchpost.schedule..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void uiDoesNotDependOnTheAppWiring() {
        noClasses().that().resideInAPackage("org.watchpost.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.watchpost.app..")
                .check(classes);
    }
}

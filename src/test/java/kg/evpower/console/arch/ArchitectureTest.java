package kg.evpower.console.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of the design card, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kg.evpower");
    }

    @Test
    void theConsoleKnowsTheSandboxOnlyThroughTheLauncher() {
        noClasses().that().resideInAPackage("kg.evpower.console..")
                .and().doNotHaveFullyQualifiedName("kg.evpower.console.Launcher")
                .and().areNotNestedClasses()
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.sandbox..")
                .check(main);
        // the launcher's anonymous EmbeddedServer lives in Launcher$1; nothing else nested may reach the sandbox
        noClasses().that().resideInAPackage("kg.evpower.console..").and().areNestedClasses()
                .and().haveNameNotMatching("kg\\.evpower\\.console\\.Launcher\\$.*")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.sandbox..")
                .check(main);
    }

    @Test
    void theSandboxDoesNotDependOnTheConsole() {
        noClasses().that().resideInAPackage("kg.evpower.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.console..")
                .check(main);
    }

    @Test
    void domainApiLiveCliAndTheReconciliationEngineDoNotTouchJavaFx() {
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..", "kg.evpower.console.api..",
                        "kg.evpower.console.live..", "kg.evpower.console.cli..", "kg.evpower.console.tiles..", "kg.evpower.console.payments",
                        "kg.evpower.console.push")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "atlantafx..", "org.kordamp..")
                .check(main);
    }

    @Test
    void servicesAreFxFreeAndViewModelsDoNoIo() {
        noClasses().that().haveSimpleNameEndingWith("Service").and().resideInAPackage("kg.evpower.console..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(main);
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.sql..", "org.java_websocket..")
                .check(main);
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().areAssignableTo(javafx.scene.Node.class)
                .check(main);
    }

    @Test
    void wireDtosStayInTheApiPackage() {
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.console.api..")
                .check(main);
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..", "kg.evpower.console.api..")
                .should().dependOnClassesThat().resideInAnyPackage("kg.evpower.console.overview..", "kg.evpower.console.shell..")
                .check(main);
    }
}

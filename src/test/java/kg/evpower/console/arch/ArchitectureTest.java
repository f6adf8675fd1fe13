package kg.evpower.console.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules (docs/architecture.md), checked on the compiled classes. */
class ArchitectureTest {

    /** The packages of the features: each holds its views, view models, services and the class that wires it. */
    static final String[] FEATURES = {"kg.evpower.console.stations..", "kg.evpower.console.sessions..", "kg.evpower.console.payments..",
            "kg.evpower.console.push..", "kg.evpower.console.people..", "kg.evpower.console.stats.."};
    private static final String[] JAVAFX = {"javafx..", "com.sun.javafx..", "atlantafx..", "org.kordamp..", "org.controlsfx..", "com.dlsc.."};

    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kg.evpower");
    }

    @Test
    void theConsolesPackagesHaveNoCycles() {
        slices().matching("kg.evpower.console.(*)..").should().beFreeOfCycles().check(main);
        // and inside a top-level package too: every package its own slice
        slices().matching("kg.evpower.console.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theSandboxsPackagesHaveNoCycles() {
        slices().matching("kg.evpower.sandbox.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("kg.evpower.sandbox.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theSandboxsServerNeverReachesIntoTheWorldItSimulatesNorIntoItsWiring() {
        noClasses().that().resideInAPackage("kg.evpower.sandbox.server..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.sandbox.world..")
                .check(main);
        noClasses().that().resideInAnyPackage("kg.evpower.sandbox.server..", "kg.evpower.sandbox.world..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.sandbox")
                .check(main);
    }

    @Test
    void theConsoleKnowsTheSandboxOnlyThroughTheLauncher() {
        noClasses().that().resideInAPackage("kg.evpower.console..")
                .and().haveNameNotMatching("kg\\.evpower\\.console\\.Launcher(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("kg.evpower.sandbox..", "kg.evpower.gateway..")
                .check(main);
    }

    @Test
    void theSandboxDoesNotDependOnTheConsole() {
        noClasses().that().resideInAPackage("kg.evpower.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.console..")
                .check(main);
    }

    @Test
    void theFiguresDefinitionsStandAlone() {
        // one definition of each statistic, read by the sandbox, the console's PostgreSQL source and a gateway alike
        noClasses().that().resideInAPackage("kg.evpower.figures..")
                .should().dependOnClassesThat().resideInAnyPackage("kg.evpower.console..", "kg.evpower.sandbox..", "kg.evpower.gateway..")
                .orShould().dependOnClassesThat().resideInAnyPackage(JAVAFX)
                .check(main);
    }

    @Test
    void theSharedLayersDoNotTouchJavaFx() {
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..", "kg.evpower.console.api..",
                        "kg.evpower.console.live..", "kg.evpower.console.cli..", "kg.evpower.console.platform..",
                        "kg.evpower.console.settings..", "kg.evpower.console.i18n..", "kg.evpower.console.stations.tiles..")
                .should().dependOnClassesThat().resideInAnyPackage(JAVAFX)
                .check(main);
    }

    @Test
    void inAFeatureOnlyViewsViewModelsAndTheWiringTouchJavaFx() {
        classes().that().resideInAnyPackage(FEATURES).and().haveNameNotMatching(".*(View|ViewModel|Feature)(\\$.*)?")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(JAVAFX)
                .check(main);
    }

    @Test
    void servicesAreFxFreeAndViewModelsDoNoIo() {
        noClasses().that().haveSimpleNameEndingWith("Service").and().resideInAPackage("kg.evpower.console..")
                .should().dependOnClassesThat().resideInAnyPackage(JAVAFX)
                .check(main);
        noClasses().that().haveNameMatching(".*ViewModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.sql..", "org.java_websocket..")
                .check(main);
        // a view model needs no toolkit: properties and collections only, so its tests run without a stage
        noClasses().that().haveNameMatching(".*ViewModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.animation..",
                        "javafx.application..", "javafx.embed..", "javafx.concurrent..")
                .check(main);
    }

    @Test
    void backgroundWorkGoesThroughTheTaskHelper() {
        // view models and features start no threads and no futures of their own: BackgroundTask and TaskExecutor do
        noClasses().that().haveNameMatching(".*(ViewModel|View)(\\$.*)?")
                .should().callMethod(java.util.concurrent.CompletableFuture.class, "supplyAsync", java.util.function.Supplier.class,
                        java.util.concurrent.Executor.class)
                .orShould().callMethod(java.util.concurrent.CompletableFuture.class, "runAsync", Runnable.class, java.util.concurrent.Executor.class)
                .orShould().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(main);
    }

    @Test
    void featuresDoNotKnowTheCompositionRoot() {
        noClasses().that().resideInAnyPackage(FEATURES).or().resideInAnyPackage("kg.evpower.console.shell..", "kg.evpower.console.cli..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.console")
                .check(main);
    }

    @Test
    void sharedLayersDoNotReachUpIntoFeaturesOrTheShell() {
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..")
                .should().dependOnClassesThat().resideInAPackage("kg.evpower.console.api..")
                .check(main);
        String[] upper = new String[FEATURES.length + 2];
        System.arraycopy(FEATURES, 0, upper, 0, FEATURES.length);
        upper[FEATURES.length] = "kg.evpower.console.shell..";
        upper[FEATURES.length + 1] = "kg.evpower.console.cli..";
        noClasses().that().resideInAnyPackage("kg.evpower.console.domain..", "kg.evpower.console.api..", "kg.evpower.console.live..",
                        "kg.evpower.console.fx..", "kg.evpower.console.i18n..", "kg.evpower.console.platform..", "kg.evpower.console.settings..")
                .should().dependOnClassesThat().resideInAnyPackage(upper)
                .check(main);
    }
}

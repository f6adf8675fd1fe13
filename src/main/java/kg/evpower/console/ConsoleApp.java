package kg.evpower.console;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.FxTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.payments.PaymentsFeature;
import kg.evpower.console.people.PeopleFeature;
import kg.evpower.console.push.PushFeature;
import kg.evpower.console.sessions.SessionsFeature;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.shell.AboutDialog;
import kg.evpower.console.shell.AboutInfo;
import kg.evpower.console.shell.LoginView;
import kg.evpower.console.shell.ApiLoginService;
import kg.evpower.console.shell.LoginService;
import kg.evpower.console.shell.LoginViewModel;
import kg.evpower.console.shell.MainScreen;
import kg.evpower.console.shell.PreferencesBar;
import kg.evpower.console.shell.PreferencesViewModel;
import kg.evpower.console.shell.ServerConnection;
import kg.evpower.console.shell.Windows;
import kg.evpower.console.shell.Workspace;
import kg.evpower.console.platform.BuildInfo;
import kg.evpower.console.stations.StationsFeature;
import kg.evpower.console.stats.StatsFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: the shared services (settings, the I/O pool, the server connection), the login screen, and for
 * each signed-in session the features, each wiring itself from one {@link Workspace}; switches between the screens.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    static volatile Environment defaultEnvironment;

    private final Environment env;
    private final ScheduledExecutorService io = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "console-io");
        t.setDaemon(true);
        return t;
    });
    private Settings settings;
    private Messages messages;
    private Formats formats;
    private Stage stage;
    private PreferencesViewModel prefs;
    private ServerConnection server;
    /** The signed-in session shown now (null on the login screen), kept to rebuild the views on a language change. */
    private LoginService.SignedIn current;
    private final FxTaskExecutor tasks = new FxTaskExecutor(io, e -> ErrorTexts.describe(messages, e));
    private Runnable stopSession = () -> { };
    /** Work that waits for the first frame (starting the sandbox), so it does not slow the window down. */
    private Runnable afterShown;

    /** Used by {@code Application.launch}: the environment the launcher prepared. */
    public ConsoleApp() {
        this(defaultEnvironment);
    }

    public ConsoleApp(Environment env) {
        this.env = java.util.Objects.requireNonNull(env, "start the console through kg.evpower.console.Launcher");
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> Windows.internalError(stage, messages));
        });
        settings = env.settings().join();
        prefs = new PreferencesViewModel(settings);
        server = new ServerConnection(prefs.profile(), env.sandboxFactory(), io);
        applyLanguage();
        applyTheme();
        prefs.darkProperty().addListener((o, a, b) -> applyTheme());
        prefs.languageProperty().addListener((o, a, b) -> {
            applyLanguage();
            if (current != null) {
                stopSession.run();
                showMain(current);
            } else {
                showLogin();
            }
        });
        prefs.selectedProperty().addListener((o, a, b) -> {
            server.switchTo(prefs.profile());
            showLogin();
        });
        prefs.changed(this::saveSettings);
        Windows.setIcons(stage);
        stage.setWidth(settings.windowWidth);
        stage.setHeight(settings.windowHeight);
        stage.setOnShown(e -> {
            LOG.info("started after {} ms", (System.nanoTime() - env.mainStartedNanos()) / 1_000_000);
            if (afterShown != null) {
                Platform.runLater(afterShown);
                afterShown = null;
            }
        });
        showLogin();
        stage.show();
    }

    private void applyLanguage() {
        messages = new Messages(prefs.languageProperty().get());
        formats = new Formats(messages);
        stage.setTitle(messages.get("app.title"));
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(kg.evpower.console.fx.Themes.userAgent(prefs.darkProperty().get()));
    }

    private void showAbout() {
        String user = current == null ? null : current.account().displayName() + " (" + formats.role(current.account().role()) + ")";
        AboutDialog.show(stage, messages, AboutInfo.now(BuildInfo.current(), env.places(), server.describe(messages, true), user));
    }

    private LoginViewModel login = null;

    private void showLogin() {
        stopSession.run();
        current = null;
        java.util.Optional.ofNullable(login).ifPresent(LoginViewModel::close); // no countdown of the last login ticks on
        LoginViewModel vm = new LoginViewModel(messages, formats, tasks,
                new ApiLoginService(server::client, server.isSandbox() ? server.sandbox() : null), this::signedIn);
        login = vm;
        vm.phoneProperty().set(java.util.Objects.requireNonNullElse(settings.lastPhone, ""));
        Windows.setRoot(stage, new LoginView(vm, messages, formats, new PreferencesBar(prefs, messages, true, this::showAbout)));
        if (stage.isShowing()) {
            vm.start();
        } else {
            afterShown = vm::start;
        }
    }

    /** Another person than the last starts on their role's first screen, not on the last one's. */
    private void signedIn(LoginService.SignedIn signedIn) {
        settings.lastView = settings.lastPhone == null || settings.lastPhone.equals(signedIn.account().phone()) ? settings.lastView : null;
        settings.lastPhone = signedIn.account().phone();
        saveSettings();
        showMain(signedIn);
    }

    private void showMain(LoginService.SignedIn signedIn) {
        current = signedIn;
        // a session's end is this session's only: a request of a session already left (its refresh answered 401 after the
        // sign-out) must not throw the next person's half-done sign-in back to an empty login screen
        Runnable ended = () -> {
            if (current == signedIn) {
                showLogin();
            }
        };
        Workspace ws = new Workspace(signedIn.client(), signedIn.caps(), signedIn.account(), server.isSandbox(), messages, formats, tasks,
                io, env.store().remembered(settings, this::saveSettings), stage, env.files(), url -> getHostServices().showDocument(url),
                env.store().file().getParent(), env.places().cache(), ended, prefs.darkProperty());
        StationsFeature stations = new StationsFeature(ws);
        java.util.concurrent.atomic.AtomicReference<MainScreen> mainRef = new java.util.concurrent.atomic.AtomicReference<>();
        StatsFeature stats = new StatsFeature(ws, id -> {
            stations.showOnMap(id);
            mainRef.get().view().show("map");
        }, () -> mainRef.get().view().show("payments"));
        MainScreen main = new MainScreen(ws, List.of(stations, new SessionsFeature(ws, stations), new PaymentsFeature(ws), stats,
                new PushFeature(ws), new PeopleFeature(ws)),
                server.describe(messages, false), stations.liveStatus(), new PreferencesBar(prefs, messages, false, null), this::showAbout,
                this::showLogin, settings.lastView, shown -> {
                    settings.lastView = shown;
                    stations.shown(shown.equals("map"));
                });
        mainRef.set(main);
        stopSession = () -> {
            stopSession = () -> { };
            main.stop();
        };
        main.start();
        Windows.setRoot(stage, main.view());
    }

    private void saveSettings() {
        prefs.writeTo(settings);
        env.store().saveSoon(settings, io);
    }

    @Override
    public void stop() {
        stopSession.run();
        if (stage != null) {
            prefs.writeTo(settings);
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
            env.store().saveNow(settings);
        }
        if (server != null) {
            server.close();
        }
        io.shutdownNow();
    }
}

package kg.evpower.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.api.RequestBudget;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.FxCoalescer;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.live.LocationsFeed;
import kg.evpower.console.stations.NetworkOverviewView;
import kg.evpower.console.stations.NetworkOverviewViewModel;
import kg.evpower.console.domain.Role;
import kg.evpower.console.stations.LeafletMapView;
import kg.evpower.console.stations.MapCities;
import kg.evpower.console.stations.MapProvider;
import kg.evpower.console.stations.MapView;
import kg.evpower.console.stations.MapViewModel;
import kg.evpower.console.stations.NetworkService;
import kg.evpower.console.stations.StationsViewModel;
import kg.evpower.console.payments.ApiMoneySource;
import kg.evpower.console.payments.MoneyData;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.console.payments.PostgresMoneySource;
import kg.evpower.console.payments.Reconciler;
import kg.evpower.console.payments.ResolutionLog;
import kg.evpower.console.payments.StatementImport;
import kg.evpower.console.payments.PaymentsView;
import kg.evpower.console.push.ApiPushGateway;
import kg.evpower.console.push.PushHistory;
import kg.evpower.console.push.PushView;
import kg.evpower.console.push.PushViewModel;
import kg.evpower.console.payments.PaymentsViewModel;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.console.live.SessionsFeed;
import kg.evpower.console.sessions.SessionPoller;
import kg.evpower.console.sessions.SessionProblem;
import kg.evpower.console.sessions.SessionRow;
import kg.evpower.console.sessions.SessionsService;
import kg.evpower.console.sessions.SessionsView;
import kg.evpower.console.sessions.SessionsViewModel;
import kg.evpower.console.shell.AboutDialog;
import kg.evpower.console.shell.AboutInfo;
import kg.evpower.console.platform.BuildInfo;
import kg.evpower.console.sessions.ProblemAlertsView;
import kg.evpower.console.platform.EmbeddedServer;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.shell.LoginView;
import kg.evpower.console.shell.LoginViewModel;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.stations.tiles.LocalTileServer;
import kg.evpower.console.stations.tiles.LocalTilesException;
import kg.evpower.console.stations.tiles.TileServer;
import kg.evpower.console.shell.PreferencesBar;
import kg.evpower.console.shell.PreferencesViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: builds every service by hand, owns the executors, picks the server (the embedded sandbox by
 * default) and switches between the login screen and the main window.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    /**
     * What the console is started with: where settings live, how to start the built-in sandbox, when {@code main} began
     * (for the start-up figure) and how files are asked for. The launcher sets the default; tests pass their own.
     */
    public record Environment(SettingsStore store, CompletableFuture<Settings> settings, Supplier<EmbeddedServer> sandboxFactory,
                              long mainStartedNanos, FilePicker files, AboutInfo.Places places) {

        /**
         * Settings read now, on the caller's thread; the system's file dialogs; the tile cache beside the settings; no
         * log file or sandbox folder of its own.
         */
        public static Environment of(Path settingsFile, Supplier<EmbeddedServer> sandboxFactory, long mainStartedNanos) {
            SettingsStore store = new SettingsStore(settingsFile);
            return new Environment(store, CompletableFuture.completedFuture(store.load()), sandboxFactory, mainStartedNanos,
                    FilePicker.SYSTEM, new AboutInfo.Places(settingsFile.getParent(), null, null, settingsFile.resolveSibling("cache")));
        }

        /** The same, asking for files through {@code picker}. */
        public Environment withFiles(FilePicker picker) {
            return new Environment(store, settings, sandboxFactory, mainStartedNanos, picker, places);
        }
    }

    static volatile Environment defaultEnvironment;

    private final Environment env;

    private final ScheduledExecutorService io = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "console-io");
        t.setDaemon(true);
        return t;
    });
    private SettingsStore store;
    private Settings settings;
    private Messages messages;
    private Formats formats;
    private Stage stage;
    private EmbeddedServer sandbox;
    private CompletableFuture<EvPowerClient> client;
    private Runnable stopSession = () -> { };
    private PreferencesViewModel prefs;
    /** The signed-in session shown now, or null on the login screen; kept to rebuild the views on a language change. */
    private LoginViewModel.SignedIn current;
    private ServerCapabilities currentCaps;
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
        this.stage = primary;
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("unexpected error on {}", thread.getName(), error);
            Platform.runLater(this::showInternalError);
        });
        store = env.store();
        settings = env.settings().join();
        prefs = new PreferencesViewModel(settings);
        applyLanguage();
        applyTheme();
        prefs.darkProperty().addListener((o, a, b) -> {
            applyTheme();
            saveSettings();
        });
        prefs.languageProperty().addListener((o, a, b) -> {
            applyLanguage();
            saveSettings();
            if (current != null) {
                stopSession.run();
                showMain(current, currentCaps);
            } else {
                showLogin();
            }
        });
        prefs.selectedProperty().addListener((o, a, b) -> switchProfile());
        prefs.profiles().addListener((javafx.collections.ListChangeListener<Settings.Profile>) c -> saveSettings());
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) { // decoded in the background, not before the first frame
            stage.getIcons().add(new javafx.scene.image.Image(
                    ConsoleApp.class.getResource("icon/evpower-console-" + size + ".png").toExternalForm(), true));
        }
        stage.setWidth(settings.windowWidth);
        stage.setHeight(settings.windowHeight);
        stage.setOnShown(e -> {
            LOG.info("started after {} ms", (System.nanoTime() - env.mainStartedNanos()) / 1_000_000);
            Runnable later = afterShown;
            afterShown = null;
            if (later != null) {
                Platform.runLater(later);
            }
        });
        showLogin();
        stage.show();
        if (store.problem() != null) {
            LOG.warn("settings were unreadable and were reset: {}", store.problem());
        }
    }

    private boolean internalErrorShown;

    /** A bug of ours reached the top: say so in plain words (the details are in the log), once at a time. */
    private void showInternalError() {
        if (internalErrorShown || messages == null) {
            return;
        }
        internalErrorShown = true;
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                messages.get("error.internal"), new javafx.scene.control.ButtonType(messages.get("button.ok"),
                        javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        alert.setHeaderText(messages.get("error.internal.title"));
        alert.initOwner(stage);
        alert.setOnHidden(e -> internalErrorShown = false);
        alert.show();
    }

    private void applyLanguage() {
        messages = new Messages(prefs.languageProperty().get());
        formats = new Formats(messages);
        stage.setTitle(messages.get("app.title"));
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(prefs.darkProperty().get() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Another server was chosen: forget the old client (and stop the sandbox when leaving it) and show its login. */
    private void switchProfile() {
        saveSettings();
        CompletableFuture<EvPowerClient> old;
        EmbeddedServer oldSandbox = null;
        synchronized (this) {
            old = client;
            client = null;
            if (profile().url() != null && sandbox != null) {
                oldSandbox = sandbox;
                sandbox = null;
            }
        }
        EmbeddedServer stopIt = oldSandbox;
        io.execute(() -> {
            if (stopIt != null) {
                stopIt.close();
            }
        });
        if (old != null) {
            old.cancel(false);
        }
        current = null;
        showLogin();
    }

    /** The About window, with the server as it is now: the sandbox's address once it runs. */
    private void showAbout() {
        String server;
        if (profile().url() != null) {
            server = serverName();
        } else {
            CompletableFuture<EvPowerClient> c;
            synchronized (this) {
                c = client;
            }
            EvPowerClient started = c != null && c.isDone() && !c.isCompletedExceptionally() ? c.join() : null;
            server = started != null ? serverName() + " — " + started.baseUri()
                    : messages.format("about.server.notStarted", serverName());
        }
        String user = current == null ? null
                : current.account().displayName() + " (" + formats.role(current.account().role()) + ")";
        AboutDialog.show(stage, messages, AboutInfo.now(BuildInfo.current(), env.places(), server, user));
    }

    private Settings.Profile profile() {
        Settings.Profile p = prefs.selectedProperty().get();
        return p == null ? Settings.builtIn().get(0) : p;
    }

    private String serverName() {
        Settings.Profile p = profile();
        return p.url() == null ? messages.get("profile.sandbox") : p.name() + " — " + p.url();
    }

    /** The client for the selected profile; for the sandbox, starts it first (once, off the FX thread). */
    private synchronized CompletableFuture<EvPowerClient> client() {
        if (client == null || client.isCompletedExceptionally()) {
            Settings.Profile p = profile();
            client = CompletableFuture.supplyAsync(() -> {
                URI base;
                if (p.url() == null) {
                    EmbeddedServer sb;
                    synchronized (ConsoleApp.this) {
                        if (sandbox == null) {
                            sandbox = env.sandboxFactory().get();
                        }
                        sb = sandbox;
                    }
                    base = sb.start();
                } else {
                    base = URI.create(p.url());
                }
                return new EvPowerClient(base, RequestBudget.production(), Duration.ofSeconds(15));
            }, io);
        }
        return client;
    }

    private void showLogin() {
        stopSession.run();
        current = null;
        boolean isSandbox = profile().url() == null;
        LoginViewModel vm = new LoginViewModel(messages, io, Platform::runLater, isSandbox, this::client, this::showMain);
        if (settings.lastPhone != null) {
            vm.phoneProperty().set(settings.lastPhone);
        }
        setScene(new LoginView(vm, messages, formats, new PreferencesBar(prefs, messages, true, this::showAbout)));
        if (stage.isShowing()) {
            vm.start();
        } else {
            afterShown = vm::start;
        }
    }

    private void setScene(javafx.scene.Parent root) {
        if (stage.getScene() == null) {
            Scene scene = new Scene(root);
            scene.getStylesheets().add(ConsoleApp.class.getResource("console.css").toExternalForm());
            stage.setScene(scene);
        } else {
            stage.getScene().setRoot(root);
        }
    }

    private void showMain(LoginViewModel.SignedIn signedIn) {
        settings.lastPhone = signedIn.account().phone();
        saveSettings();
        // what the server offers decides the data source; read it off the FX thread
        CompletableFuture.supplyAsync(() -> {
            try {
                return signedIn.client().capabilities();
            } catch (ApiException e) {
                return ServerCapabilities.unknown();
            }
        }, io).thenAccept(caps -> Platform.runLater(() -> showMain(signedIn, caps)));
    }

    private void showMain(LoginViewModel.SignedIn signedIn, ServerCapabilities caps) {
        current = signedIn;
        currentCaps = caps;
        EvPowerClient api = signedIn.client();
        StationsViewModel state = new StationsViewModel();
        NetworkOverviewViewModel vm = new NetworkOverviewViewModel(state);
        MapViewModel mapVm = new MapViewModel(state, Instant::now, signedIn.account().role() == Role.SUPERADMIN, settings.mapFilter);
        persist(mapVm.filterProperty(), null, v -> settings.mapFilter = v);
        // the sandbox starts on the offline map; a real server on OpenStreetMap (falling back by itself)
        persist(mapVm.chosenProviderProperty(), settings.mapProvider != null ? settings.mapProvider
                : profile().url() == null ? MapProvider.OFFLINE : MapProvider.OSM, v -> settings.mapProvider = v);
        persist(mapVm.tileUrlProperty(), settings.tileUrl, v -> settings.tileUrl = v);
        persist(mapVm.googleKeyProperty(), settings.googleMapsKey, v -> settings.googleMapsKey = v == null || v.isBlank() ? null : v);
        persist(mapVm.localTilesProperty(), settings.localTiles, v -> settings.localTiles = v);
        Sessions sessions = sessions(api, caps);
        FxCoalescer<String, Station> coalescer = new FxCoalescer<>(batch -> state.upsert(batch.values()));
        FxCoalescer<String, LocationUpdate> liveUpdates = new FxCoalescer<>(batch -> mapVm.onLiveUpdate(batch.values()));
        NetworkService service = new NetworkService(api, caps, io, new NetworkService.Sink() {
            @Override
            public void replaceAll(List<Station> stations) {
                sessions.service().stationsChanged(stations);
                Platform.runLater(() -> state.replaceAll(stations));
            }

            @Override
            public void upsert(List<Station> stations) {
                sessions.service().stationsChanged(stations);
                stations.forEach(s -> coalescer.offer(s.id(), s));
            }

            @Override
            public void failed(ApiException error) {
                Platform.runLater(() -> state.failed(ErrorTexts.of(messages, error)));
                if (error.kind() == ApiException.Kind.UNAUTHORIZED) {
                    Platform.runLater(ConsoleApp.this::showLogin);
                }
            }
        }, 500);
        // while the map is on screen, only locations on it (or selected) are re-fetched on a live update
        AtomicReference<Set<String>> interesting = new AtomicReference<>();
        service.setWorthFetching(id -> {
            Set<String> only = interesting.get();
            return only == null || only.contains(id);
        });
        mapVm.selectedStationProperty().addListener((o, a, b) -> service.watchStation(b, Duration.ofSeconds(15)));
        StringProperty live = new SimpleStringProperty(messages.get("status.live.connecting"));
        StringProperty budget = new SimpleStringProperty("");
        LocationsFeed feed = new LocationsFeed(() -> api.locationsSocket(clientId()), io, new LocationsFeed.Listener() {
            @Override
            public void onState(LocationsFeed.State state, int failed, Duration next) {
                String text = feedText("status.live", state, next);
                Platform.runLater(() -> live.set(text));
            }

            @Override
            public void onUpdate(LocationUpdate update) {
                liveUpdates.offer(update.locationId(), update);
                service.onUpdate(update);
            }

            @Override
            public void onResync(boolean firstConnect) {
                if (!firstConnect) {
                    service.reloadSoon();
                }
            }
        }, Duration.ofSeconds(1));
        var budgetTask = io.scheduleAtFixedRate(() -> {
            String text = messages.format("status.budget", api.budget().inWindow(), api.budget().perWindow());
            Platform.runLater(() -> budget.set(text));
        }, 0, 2, TimeUnit.SECONDS);
        List<MainView.NavItem> nav = new java.util.ArrayList<>(List.of(
                new MainView.NavItem("overview", messages.get("nav.overview"), "mdi2v-view-list",
                        () -> new NetworkOverviewView(vm, messages, formats, service.operatorApi())),
                new MainView.NavItem("map", messages.get("nav.map"), "mdi2m-map-marker-radius",
                        () -> mapView(mapVm, interesting)),
                new MainView.NavItem("sessions", messages.get("nav.sessions"), "mdi2l-lightning-bolt",
                        () -> new SessionsView(sessions.vm(), messages, formats))));
        boolean superadmin = signedIn.account().role() == Role.SUPERADMIN;
        if (superadmin) {
            Payments payments = payments(api, caps, signedIn.account());
            nav.add(new MainView.NavItem("payments", messages.get("nav.payments"), "mdi2c-cash-multiple",
                    () -> new PaymentsView(payments.vm(), messages, formats, payments.host())));
        }
        kg.evpower.console.domain.UserAccount me = signedIn.account();
        nav.add(new MainView.NavItem("push", messages.get("nav.push"), "mdi2b-bell-ring", () -> new PushView(new PushViewModel(messages,
                new ApiPushGateway(api, me, caps, messages), io, Platform::runLater,
                new PushHistory(store.file().resolveSibling(Launcher.PUSH_HISTORY)), () -> who(me), Instant::now), messages, formats)));
        String reopen = settings.lastView;
        MainView main = new MainView(messages, nav, serverName(), signedIn.account().displayName(),
                formats.role(signedIn.account().role()), live, budget, new PreferencesBar(prefs, messages, false, null), this::showAbout, () -> {
                    io.execute(() -> {
                        try {
                            api.logout();
                        } catch (ApiException e) {
                            LOG.info("logout: {}", e.getMessage());
                        }
                    });
                    showLogin();
                }, shown -> {
                    settings.lastView = shown;
                    if (!shown.equals("map")) {
                        interesting.set(null);
                    } else {
                        interesting.set(visibleOnMap(mapVm, lastMapBounds));
                    }
                });
        if ("map".equals(reopen) || "sessions".equals(reopen) || "push".equals(reopen) || "payments".equals(reopen) && superadmin) {
            main.show(reopen);
        }
        stopSession = () -> {
            sessions.stop().run();
            feed.close();
            service.stop();
            budgetTask.cancel(false);
            coalescer.stop();
            liveUpdates.stop();
            stopSession = () -> { };
        };
        coalescer.start();
        liveUpdates.start();
        sessions.start().run();
        service.start();
        feed.start();
        setScene(main);
    }

    /** The payment reconciliation's view model and what its view remembers through the settings. */
    private record Payments(PaymentsViewModel vm, PaymentsView.Host host) {
    }

    /**
     * The payment reconciliation: runs read the operator API (when the server has it) or the saved PostgreSQL
     * connection on the io pool; resolutions go to the audit trail in the settings folder.
     */
    private Payments payments(EvPowerClient api, ServerCapabilities caps, kg.evpower.console.domain.UserAccount account) {
        AtomicReference<PostgresMoneySource.Settings> pg = new AtomicReference<>(settings.reconPostgres);
        PaymentsViewModel.Runner runner = (kind, period, statement, password, progress, cancelled) -> {
            MoneySource source;
            String warning = null;
            if (kind == MoneySource.Kind.API) {
                if (!caps.adminMoney()) {
                    throw new IllegalStateException(messages.get("recon.noOperatorApi"));
                }
                source = new ApiMoneySource(api);
            } else {
                PostgresMoneySource.Settings s = pg.get();
                if (s == null) {
                    throw new IllegalStateException(messages.get("recon.source.postgresNeeds"));
                }
                source = new PostgresMoneySource(s, password);
            }
            try {
                if (source instanceof PostgresMoneySource db) {
                    warning = db.access().warning(messages);
                }
                MoneyData data = source.load(period.from(), period.to(), statement, progress, cancelled);
                return new PaymentsViewModel.Run(new Reconciler(cancelled).run(data), source.name(), warning);
            } catch (ApiException e) {
                throw new IllegalStateException(ErrorTexts.of(messages, e));
            } catch (PostgresMoneySource.Failure e) {
                throw new IllegalStateException(e.explain(messages));
            }
        };
        String who = who(account);
        PaymentsViewModel vm = new PaymentsViewModel(messages, formats, io, Platform::runLater, runner,
                new ResolutionLog(store.file().resolveSibling(Launcher.RECONCILIATION_AUDIT)), () -> who, Instant::now);
        persist(vm.sourceProperty(), settings.reconSource, v -> settings.reconSource = v);
        PaymentsView.Host host = new PaymentsView.Host() {
            @Override
            public StatementImport.Mapping mapping(String provider) {
                return settings.statementMappings == null ? null : settings.statementMappings.get(provider);
            }

            @Override
            public void rememberMapping(String provider, StatementImport.Mapping mapping) {
                if (settings.statementMappings == null) {
                    settings.statementMappings = new java.util.HashMap<>();
                }
                settings.statementMappings.put(provider, mapping);
                saveSettings();
            }

            @Override
            public PostgresMoneySource.Settings postgres() {
                return pg.get();
            }

            @Override
            public void rememberPostgres(PostgresMoneySource.Settings s) {
                pg.set(s);
                settings.reconPostgres = s;
                saveSettings();
            }

            @Override
            public FilePicker files() {
                return env.files();
            }
        };
        return new Payments(vm, host);
    }

    /** Who did something, for the local journals: name and phone. */
    private static String who(kg.evpower.console.domain.UserAccount account) {
        return account.displayName() + (account.phone() == null ? "" : " (" + account.phone() + ")");
    }

    /** A live feed's state in words: {@code prefix}.connecting|connected|reconnecting|stopped. */
    private String feedText(String prefix, LocationsFeed.State state, Duration next) {
        return switch (state) {
            case CONNECTING -> messages.get(prefix + ".connecting");
            case CONNECTED -> messages.get(prefix + ".connected");
            case RECONNECTING -> messages.format(prefix + ".reconnecting", Math.max(1, next.toSeconds()));
            case STOPPED -> messages.get(prefix + ".stopped");
        };
    }

    /** The live sessions of one signed-in session: the service, its view model, and how to start and stop their feed. */
    private record Sessions(SessionsService service, SessionsViewModel vm, Runnable start, Runnable stop) {
    }

    /**
     * Builds the sessions dashboard's parts: fed by the operator API's stream when the server has it, else by polling
     * the sessions an operator adds, within a third of the request budget. Rows are coalesced per session and applied
     * once per pulse.
     */
    private Sessions sessions(EvPowerClient api, ServerCapabilities caps) {
        boolean stream = caps.adminSessions();
        AtomicReference<SessionsViewModel> vmRef = new AtomicReference<>();
        FxCoalescer<String, java.util.Optional<SessionRow>> rows = new FxCoalescer<>(batch -> vmRef.get().apply(batch));
        SessionsService service = new SessionsService(new SessionsService.Sink() {
            @Override
            public void changed(SessionRow row) {
                rows.offer(row.id(), java.util.Optional.of(row));
            }

            @Override
            public void removed(String sessionId) {
                rows.offer(sessionId, java.util.Optional.empty());
            }

            @Override
            public void evaluated(SessionsService.Totals totals, List<SessionProblem> problems, List<SessionProblem> fresh) {
                Platform.runLater(() -> vmRef.get().evaluated(totals, problems, fresh));
            }

            @Override
            public void feedState(LocationsFeed.State state, int failed, Duration next) {
                String text = feedText("sessions.feed", state, next);
                Platform.runLater(() -> vmRef.get().feedState(text));
            }
        }, Instant::now, stream ? api::adminStoppedTotals : null, io);
        ProblemAlertsView notifier = new ProblemAlertsView(stage, messages, io);
        SessionPoller poller = stream ? null : new SessionPoller(api, service, io, 20,
                status -> Platform.runLater(() -> vmRef.get().pollingStatus(status)),
                ids -> Platform.runLater(() -> {
                    settings.watchedSessions = new java.util.ArrayList<>(ids);
                    saveSettings();
                }));
        SessionsViewModel.Stopper stopper = !stream ? null : (id, reason) -> CompletableFuture.supplyAsync(() -> {
            try {
                kg.evpower.console.api.Dto.AdminStop r = api.adminStopSession(id, reason);
                return messages.format("sessions.stop.done", formats.decimal(r.energyKwh()), formats.decimal(r.actualCost()),
                        formats.decimal(r.refundAmount()));
            } catch (ApiException e) {
                throw new java.util.concurrent.CompletionException(new IllegalStateException(ErrorTexts.of(messages, e)));
            }
        }, io);
        SessionsViewModel vm = new SessionsViewModel(stream ? SessionsViewModel.Mode.STREAM : SessionsViewModel.Mode.POLLING,
                service::history, notifier, stopper, poller == null ? null : poller::watch, Instant::now, Platform::runLater);
        vmRef.set(vm);
        persist(vm.mutedProperty(), settings.muteSessionProblems, v -> settings.muteSessionProblems = v);
        SessionsFeed feed = !stream ? null : new SessionsFeed(api::sessionsSocket, () -> api.cookies().header(), io, service,
                Duration.ofSeconds(1));
        AtomicReference<java.util.concurrent.ScheduledFuture<?>> evaluation = new AtomicReference<>();
        Runnable start = () -> {
            rows.start();
            if (feed != null) {
                feed.start();
            } else {
                poller.start(settings.watchedSessions == null ? java.util.Set.of() : new java.util.LinkedHashSet<>(settings.watchedSessions));
            }
            evaluation.set(io.scheduleWithFixedDelay(() -> {
                try {
                    service.evaluate();
                } catch (RuntimeException e) {
                    LOG.warn("session evaluation failed", e);
                }
            }, 1, 1, TimeUnit.SECONDS));
        };
        Runnable stop = () -> {
            if (feed != null) {
                feed.close();
            } else {
                poller.stop();
            }
            if (evaluation.get() != null) {
                evaluation.get().cancel(false);
            }
            rows.stop();
            notifier.close();
        };
        return new Sessions(service, vm, start, stop);
    }

    /** The south, west, north, east of the map's view, or null before the map was shown. */
    private volatile double[] lastMapBounds;

    private Node mapView(MapViewModel mapVm, AtomicReference<Set<String>> interesting) {
        LeafletMapView map = new LeafletMapView(messages, formats, MapCities.cities(messages.locale().getLanguage()),
                MapCities.countries(messages.locale().getLanguage()));
        MapView view = new MapView(mapVm, messages, formats, map, url -> getHostServices().showDocument(url), this::tileTemplate,
                this::localTiles);
        view.setOnViewChanged(v -> {
            lastMapBounds = v;
            interesting.set(visibleOnMap(mapVm, v));
        });
        mapVm.selectedLocationProperty().addListener((o, a, b) -> interesting.set(visibleOnMap(mapVm, lastMapBounds)));
        return view;
    }

    private final java.util.Map<String, TileServer> tileServers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The loopback template for an upstream tile URL, starting its disk-cached tile server once (off the FX thread). */
    private CompletableFuture<String> tileTemplate(String upstream) {
        return CompletableFuture.supplyAsync(() -> tileServers.computeIfAbsent(upstream, u -> {
            try {
                return new TileServer(u, env.places().cache().resolve("tiles"), "EvPowerConsole/1.0 (+https://ocpp.evpower.kg)");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).template(), io);
    }

    /** Starts {@code p} from the saved value, when there is one, and saves the settings on every change. */
    private <T> void persist(javafx.beans.property.Property<T> p, T saved, java.util.function.Consumer<T> store) {
        if (saved != null) {
            p.setValue(saved);
        }
        p.addListener((o, a, b) -> {
            store.accept(b);
            saveSettings();
        });
    }

    private final LocalTileServer.Current localTileServer = new LocalTileServer.Current();

    /**
     * Opens a local MBTiles/PMTiles file off the FX thread and serves it on loopback. Fails with the file's problem in
     * the operator's language; the detail goes to the log.
     */
    private CompletableFuture<LocalTileServer.Layer> localTiles(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return localTileServer.open(path);
            } catch (LocalTilesException e) {
                LOG.info("local tiles {} not usable: {}", path, e.toString());
                throw new IllegalStateException(messages.get("map.localTiles.reason." + e.reason().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }, io);
    }

    /** Location ids on screen now plus the selected one (FX thread); null (everything) while the view is not known yet. */
    private static Set<String> visibleOnMap(MapViewModel vm, double[] b) {
        return b == null ? null : vm.locationsWithin(b[3], b[4], b[5], b[6]);
    }

    private String clientId() {
        return "evpower-console-" + UUID.nameUUIDFromBytes(System.getProperty("user.name", "x").getBytes()).toString().substring(0, 8);
    }

    private java.util.concurrent.ScheduledFuture<?> pendingSave;

    /**
     * Saves the settings off the FX thread, debounced: typing in a filter writes the file once, 400 ms after the last
     * key, not once per key. {@link #stop()} writes whatever is pending.
     */
    private void saveSettings() {
        prefs.writeTo(settings);
        Settings copy = store.copy(settings);
        if (pendingSave != null) {
            pendingSave.cancel(false);
        }
        pendingSave = io.schedule(() -> {
            try {
                store.save(copy);
            } catch (java.io.IOException e) {
                LOG.warn("settings not saved: {}", e.toString());
            }
        }, 400, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stopSession.run();
        if (stage != null) {
            prefs.writeTo(settings);
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
            try {
                store.save(settings);
            } catch (java.io.IOException e) {
                LOG.warn("settings not saved: {}", e.toString());
            }
        }
        if (sandbox != null) {
            sandbox.close();
        }
        tileServers.values().forEach(TileServer::close);
        localTileServer.close();
        io.shutdownNow();
    }
}

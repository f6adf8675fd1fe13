package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import kg.evpower.console.payments.MoneySource;
import kg.evpower.console.settings.Settings;
import kg.evpower.console.settings.SettingsStore;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.LayoutCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every role through every screen at 1024x768 in each language (and 1280x800, and the dark theme), each screen in
 * the state a working day puts it in (a station chosen, a session chosen, a reconciliation run, an owner chosen): no
 * control that can be pressed lies outside the window or outside what its pane shows, and no text that must be read
 * is shortened. A picture of each screen is left in
 * {@code target/layout-walk/} to look at.
 */
class LayoutWalkUiIT {

    private static final String[] PEOPLE = {"+996700000001", "+996700100001", "+996700201001"};
    private static final String[] ROLES = {"support", "owner", "operator"};
    private static final String[] SCREENS = {"overview", "map", "sessions", "payments", "stats", "push", "people"};

    private final ConsoleDriver ui = new ConsoleDriver();
    private final List<String> problems = new ArrayList<>();
    private boolean publicApi;

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /**
     * Language, window size, and once each the dark theme and a server with only production's public API: the three
     * languages at 1024x768, the longest one at 1280x800 and on the public API too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ru 1024x768 dark", "en 1024x768", "ky 1024x768", "ky 1280x800", "ky 1024x768 public"})
    void everyScreenOfEveryRoleFitsASmallScreen(String desk) throws Exception {
        String[] d = desk.split(" ");
        String lang = d[0];
        String[] size = d[1].split("x");
        Path home = Files.createTempDirectory("evpower-walk");
        Settings start = new Settings();
        start.language = lang;
        start.windowWidth = Integer.parseInt(size[0]);
        start.windowHeight = Integer.parseInt(size[1]);
        List<String> also = List.of(d).subList(2, d.length);
        publicApi = also.contains("public");
        start.darkTheme = also.contains("dark");
        String name = String.join("-", d); // the pictures' names say which desk
        new SettingsStore(home.resolve("settings.json")).save(start);
        SandboxConfig busy = SandboxConfig.defaults().withDataDir(home.resolve("sandbox"), true).withSimulation(true, 15.0)
                .withRateLimit(0, Duration.ofSeconds(60)).withOtpResend(Duration.ZERO)
                .withOperatorApi(!publicApi); // "public": production's API as it is today, without ours
        busy = busy.withMoney(busy.money().withNetworkHistory(Duration.ofDays(21))); // weeks for the statistics to show
        try {
            walk(name, home, busy);
        } catch (Exception | AssertionError e) {
            look(name + "-at-failure");
            throw e;
        }
        assertTrue(problems.isEmpty(), problems.size() + " places do not fit " + desk + ":\n" + String.join("\n", problems));
    }

    private void walk(String name, Path home, SandboxConfig busy) throws Exception {
        ui.launch(home.resolve("settings.json"), busy);
        ui.awaitSandboxLogin();
        look(name + "-login");
        for (int p = 0; p < PEOPLE.length; p++) {
            ui.logIn(PEOPLE[p], 70); // three people's screens in a minute can spend the request budget
            ui.waitUntil(70, () -> ui.present("#nav-overview"));
            for (String screen : SCREENS) {
                if (!ui.present("#nav-" + screen)) {
                    continue;
                }
                press("#nav-" + screen);
                busy(screen, p);
                look(name + "-" + ROLES[p] + "-" + screen);
                if (screen.equals("payments")) {
                    postgresDialog(name + "-" + ROLES[p] + "-payments-postgres");
                }
                if (screen.equals("map") && ui.robot().lookup(n -> n.getId() != null && n.getId().startsWith("station-actions-")).tryQuery().isPresent()) {
                    stationDialog(name + "-" + ROLES[p] + "-map-station-command");
                }
                if (screen.equals("people")) {
                    for (String[] d : new String[][] {{"#people-add-operator", "#people-form-phone", "add-operator"},
                        {"#people-create-staff", "#people-form-email", "create-staff"}}) {
                        if (ui.present(d[0])) {
                            dialog(d[0], d[1], name + "-" + ROLES[p] + "-people-" + d[2]);
                        }
                    }
                }
            }
            press("#status-logout");
            ui.awaitSandboxLogin(70); // three people's screens in a minute can spend the request budget the list waits for
        }
    }

    /** Fires a button as a click would, without the robot's hunt for it while a screen is being replaced. */
    private void press(String id) {
        ui.robot().interact(() -> ui.node(id, javafx.scene.control.ButtonBase.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Puts the screen in the state a person at work leaves it in. */
    @SuppressWarnings("unchecked")
    private void busy(String screen, int person) throws Exception {
        switch (screen) {
            // a reconciliation over the API spends much of a minute's request budget: the next person's list may wait for it
            case "overview" -> ui.waitUntil(70, () -> ui.present("#overview-table") && !ui.overviewTable().getItems().isEmpty());
            case "map" -> {
                ui.waitUntil(20, () -> ui.present("#map-list") && !ui.node("#map-list", TableView.class).getItems().isEmpty());
                Platform.runLater(() -> ui.node("#map-list", TableView.class).getSelectionModel().select(0));
                ui.waitUntil(10, () -> ui.present("#map-details-name"));
                // the first station's history open, as before sending someone out
                ui.waitUntil(10, () -> ui.robot().lookup(".button").queryAll().stream().anyMatch(b -> b.getId() != null
                        && b.getId().startsWith("station-history-")));
                Platform.runLater(() -> ui.robot().lookup(".button").queryAllAs(javafx.scene.control.Button.class).stream()
                        .filter(b -> b.getId() != null && b.getId().startsWith("station-history-")).findFirst().orElseThrow().fire());
                ui.waitUntil(10, () -> ui.present("#station-timeline") && ui.node("#station-timeline", javafx.scene.Node.class).isVisible());
            }
            case "sessions" -> {
                if (publicApi) { // nothing followed yet: the empty table, the polling notice, the field to follow and the search
                    ui.waitUntil(30, () -> ui.present("#sessions-table") && ui.present("#sessions-watch-id"));
                    break;
                }
                ui.waitUntil(30, () -> ui.present("#sessions-table") && !ui.node("#sessions-table", TableView.class).getItems().isEmpty());
                Platform.runLater(() -> ui.node("#sessions-table", TableView.class).getSelectionModel().select(0));
            }
            case "payments" -> {
                if (publicApi) { // the PostgreSQL source, not set up: the screen as a newcomer finds it
                    ui.waitUntil(10, () -> ui.present("#recon-run"));
                    break;
                }
                kg.evpower.testing.Sandboxes.control(ui.server(), "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"balance_drift\":0.1}}");
                kg.evpower.testing.Sandboxes.control(ui.server(), "/_sandbox/money/replay", "{\"hours\":6,\"topups\":60,\"sessions\":40,\"seed\":7}");
                ui.waitUntil(10, () -> ui.present("#recon-run"));
                Platform.runLater(() -> ui.node("#recon-run", javafx.scene.control.Button.class).fire());
                ui.waitUntil(60, () -> !ui.node("#recon-headline", Label.class).getText().isEmpty());
                Platform.runLater(() -> {
                    TableView<?> findings = ui.node("#recon-findings", TableView.class);
                    findings.getSelectionModel().select(findings.getItems().size() - 1);
                });
            }
            case "push" -> {
                ui.waitUntil(20, () -> ui.present("#push-view"));
                if (!ui.present("#push-people")) {
                    break; // without people to choose (an operator writes to their own devices)
                }
                try { // an operator may have nobody to write to
                    ui.waitUntil(10, () -> !ui.node("#push-people", TableView.class).getItems().isEmpty());
                    Platform.runLater(() -> ui.node("#push-people", TableView.class).getSelectionModel().select(0));
                } catch (java.util.concurrent.TimeoutException nobody) {
                    // the empty list is what the person sees
                }
            }
            case "stats" -> // the figures read (or, without a source, the reason said)
                ui.waitUntil(60, () -> ui.present("#stats-status") && !ui.node("#stats-status", Label.class).getText().isEmpty()
                        && !ui.node("#stats-status", Label.class).getText().endsWith("…"));
            case "people" -> { // the first person chosen: the detail with its actions
                // after a busy minute the list waits for the request budget
                ui.waitUntil(70, () -> ui.present("#people-people") && !ui.node("#people-people", TableView.class).getItems().isEmpty());
                Platform.runLater(() -> ui.node("#people-people", TableView.class).getSelectionModel().select(0));
                ui.waitUntil(10, () -> ui.present("#people-detail-name"));
            }
            default -> throw new IllegalArgumentException(screen);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(700); // a panel that opens on a choice lays out over a few pulses
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The PostgreSQL connection dialog with a weaker TLS mode chosen, so its warning shows: looked at like a screen,
     * then cancelled; the source the screen had is given back.
     */
    @SuppressWarnings("unchecked")
    private void postgresDialog(String name) throws Exception {
        ComboBox<MoneySource.Kind> source = ui.node("#recon-source", ComboBox.class);
        MoneySource.Kind before = source.getValue();
        Platform.runLater(() -> source.setValue(MoneySource.Kind.POSTGRES));
        ui.waitUntil(10, () -> ui.node("#recon-pg-settings", javafx.scene.control.Button.class).isVisible());
        Platform.runLater(() -> ui.node("#recon-pg-settings", javafx.scene.control.Button.class).fire()); // showAndWait: not inside interact
        ui.awaitDialog("#recon-pg-host");
        Platform.runLater(() -> {
            ui.node("#recon-pg-host", javafx.scene.control.TextField.class).setText("db.evpower.kg");
            ui.node("#recon-pg-sslmode", ComboBox.class).setValue("require");
        });
        ui.waitUntil(10, () -> !ui.node("#recon-pg-weak", Label.class).getText().isEmpty());
        Thread.sleep(300); // the dialog grows to its warning over a pulse or two
        look(name, true);
        cancel("#recon-pg-host");
        Platform.runLater(() -> source.setValue(before));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The first station card's "take out of service" dialog (a connector choice and a long warning), looked at and cancelled. */
    private void stationDialog(String name) throws Exception {
        Platform.runLater(() -> ui.robot().lookup(".menu-button").queryAllAs(javafx.scene.control.MenuButton.class).stream()
                .filter(b -> b.getId() != null && b.getId().startsWith("station-actions-")).findFirst().orElseThrow().getItems().stream()
                .filter(i -> "station-action-make_inoperative".equals(i.getId())).findFirst().orElseThrow().fire());
        ui.awaitDialog("#station-form-reason");
        Thread.sleep(300);
        look(name, true);
        cancel("#station-form-reason");
    }

    /** Opens the dialog of {@code button}, looks at it like a screen, and cancels it. */
    private void dialog(String button, String field, String name) throws Exception {
        Platform.runLater(() -> ui.node(button, javafx.scene.control.Button.class).fire()); // showAndWait: not inside interact
        ui.awaitDialog(field);
        Thread.sleep(300);
        look(name, true);
        cancel(field);
    }

    /** Presses Cancel in the dialog holding {@code field} (ControlsFX's decorations may wrap its root) and waits for it to go. */
    private void cancel(String field) throws Exception {
        Platform.runLater(() -> {
            javafx.scene.Node n = ui.node(field, javafx.scene.Node.class);
            while (!(n instanceof javafx.scene.control.DialogPane)) {
                n = n.getParent();
            }
            javafx.scene.control.DialogPane pane = (javafx.scene.control.DialogPane) n;
            pane.getButtonTypes().stream().filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE)
                    .findFirst().map(pane::lookupButton).map(javafx.scene.control.Button.class::cast).orElseThrow().fire();
        });
        ui.waitUntil(10, () -> !ui.present(field));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void look(String name) throws Exception {
        look(name, false);
    }

    /** Takes a picture of the main window, or of the dialog shown last, and checks what it shows. */
    private void look(String name, boolean dialog) throws Exception {
        AtomicReference<WritableImage> shot = new AtomicReference<>();
        AtomicReference<List<String>> found = new AtomicReference<>();
        ui.robot().interact(() -> {
            List<Window> stages = Window.getWindows().stream().filter(x -> x instanceof javafx.stage.Stage && x.isShowing()
                    && x.getScene() != null).toList();
            Window w = dialog ? stages.get(stages.size() - 1) : stages.get(0);
            Scene scene = w.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            found.set(LayoutCheck.problems(scene));
            shot.set(scene.snapshot(null));
        });
        Path dir = Path.of("target", "layout-walk");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(shot.get(), null), "png", dir.resolve(name + ".png").toFile());
        for (String problem : found.get()) {
            problems.add(name + ": " + problem);
        }
    }

}

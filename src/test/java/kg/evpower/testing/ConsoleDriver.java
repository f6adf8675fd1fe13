package kg.evpower.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import kg.evpower.console.ConsoleApp;
import kg.evpower.console.domain.Station;
import kg.evpower.console.platform.EmbeddedServer;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.SandboxServer;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real console window the way a person does (TestFX robot): starts it on an embedded sandbox the
 * console starts itself, types the phone, reads the sandbox code off the screen, signs in.
 */
public final class ConsoleDriver implements AutoCloseable {

    private final FxRobot robot = new FxRobot();
    private volatile kg.evpower.console.Launcher.EmbeddedSandbox embedded;
    private Application app;

    /** Starts the console with its settings in {@code settingsFile}; the sandbox it asks for runs with {@code config}. */
    public ConsoleDriver launch(Path settingsFile, SandboxConfig config) throws Exception {
        return launch(settingsFile, config, kg.evpower.console.fx.FilePicker.SYSTEM);
    }

    /** The same, with the file dialogs answered by {@code files}. */
    public ConsoleDriver launch(Path settingsFile, SandboxConfig config, kg.evpower.console.fx.FilePicker files) throws Exception {
        kg.evpower.console.Launcher.EmbeddedSandbox started = new kg.evpower.console.Launcher.EmbeddedSandbox(() -> Sandboxes.start(config), false);
        embedded = started; // stopped in close(), after the console is gone
        EmbeddedServer shown = started;
        FxToolkit.registerPrimaryStage();
        kg.evpower.console.Environment env = kg.evpower.console.Environment.of(settingsFile, () -> shown, System.nanoTime()).withFiles(files);
        app = FxToolkit.setupApplication(() -> new ConsoleApp(env));
        return this;
    }

    public FxRobot robot() {
        return robot;
    }

    /** The sandbox the console started, or null while it has not asked for one. */
    public SandboxServer server() {
        return embedded == null ? null : embedded.server();
    }

    public void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /**
     * Waits; on a timeout fails saying what {@code shown} reads off the screen then (a status line), so a red test
     * says what the console said.
     */
    public void waitUntil(int seconds, Callable<Boolean> condition, java.util.function.Supplier<String> shown) throws Exception {
        try {
            waitUntil(seconds, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; the screen said: " + shown.get(), e);
        }
    }

    /** The text of the label {@code query}, or "—" when there is none. */
    public String text(String query) {
        return present(query) ? node(query, javafx.scene.control.Label.class).getText() : "—";
    }

    public <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /** Waits until the node {@code id} is in a window that is showing (a dialog's fields exist a moment before it is). */
    public void awaitDialog(String id) throws Exception {
        // one lookup per try: ControlsFX's decorations re-parent a dialog's content as it shows, for a moment outside any scene
        waitUntil(10, () -> robot.lookup(id).tryQuery().map(n -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).orElse(false));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    public boolean present(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    public void type(String query, String text) {
        // a screen being replaced can leave the field out of any scene for a moment (the login screen is built anew
        // after a sign-out): wait for it to be shown, and look again if it leaves between the wait and the click
        for (int attempt = 1; ; attempt++) {
            try {
                waitUntil(10, () -> present(query) && node(query, TextField.class).getScene() != null
                        && node(query, TextField.class).getScene().getWindow() != null);
            } catch (Exception e) {
                throw new AssertionError(query + " is not shown", e);
            }
            try {
                robot.clickOn(query);
                break;
            } catch (RuntimeException e) {
                if (attempt == 3 || !(e.getCause() instanceof NullPointerException)) {
                    throw e;
                }
                robot.sleep(300);
            }
        }
        robot.interact(() -> node(query, TextField.class).clear());
        robot.write(text);
    }

    /** The login screen is ready once the sandbox is up and its demo accounts are listed. */
    public void awaitSandboxLogin() throws Exception {
        awaitSandboxLogin(30);
    }

    /** As {@link #awaitSandboxLogin()}, waiting up to {@code seconds} (after a busy minute the list waits for the request budget). */
    public void awaitSandboxLogin(int seconds) throws Exception {
        waitUntil(seconds, () -> robot.lookup("#login-accounts").tryQuery().map(n -> n.getParent() != null && n.getParent().isVisible())
                .orElse(false));
    }

    /** Phone in, send, the code the sandbox shows on the login screen in, sign in. */
    public void logIn(String phone) throws Exception {
        logIn(phone, 10);
    }

    /**
     * The same, waiting up to {@code seconds} for the code: after a minute of heavy use the console's request budget
     * (55 a minute, as production allows 60 per address) holds the request until a slot is free.
     */
    public void logIn(String phone, int seconds) throws Exception {
        awaitSandboxLogin();
        type("#login-phone", phone);
        waitUntil(10, () -> !node("#login-send", Button.class).isDisabled());
        robot.clickOn("#login-send");
        waitUntil(seconds, () -> node("#login-sandbox-code", Label.class).isVisible());
        String shown = node("#login-sandbox-code", Label.class).getText();
        String code = shown.replaceAll("\\D", "");
        if (code.length() != 6) {
            throw new AssertionError("no 6-digit sandbox code on screen: " + shown);
        }
        type("#login-code", code);
        robot.clickOn("#login-submit");
    }

    @SuppressWarnings("unchecked")
    public TableView<Station> overviewTable() {
        return node("#overview-table", TableView.class);
    }

    /** Waits for the overview with at least {@code rows} stations. */
    public void awaitOverview(int rows) throws Exception {
        waitUntil(20, () -> present("#overview-table") && overviewTable().getItems().size() >= rows);
    }

    /** Scrolls the scroll pane around {@code query}'s node until the node is in view, as a person would. */
    public void scrollTo(String query) {
        robot.interact(() -> {
            Node n = node(query, Node.class);
            for (Node p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp) {
                    Node content = sp.getContent();
                    double y = content.sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
                    double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    sp.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / room)) * sp.getVmax());
                    return;
                }
            }
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    public Optional<Station> row(String stationId) {
        return overviewTable().getItems().stream().filter(s -> s.id().equals(stationId)).findFirst();
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.hideStage();
            app = null;
        }
        SandboxServer started = server();
        if (started != null) {
            started.close();
        }
    }
}

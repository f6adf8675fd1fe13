package kg.evpower.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor a JavaFX desktop application cannot start under: a JVM, the toolkit and one Stage with a Label, the size
 * of the console's first window. Prints "shown after N ms" (from {@code main}) when the window is shown, as the console
 * logs "started after N ms". {@link StartupBenchmark} runs it beside the console with the same class path and flags.
 */
public final class BareWindow {

    static long mainStarted;

    private BareWindow() {
    }

    /** Not an {@code Application} itself, as the console's {@code Launcher} is not: JavaFX on the class path then starts. */
    public static void main(String[] args) {
        mainStarted = System.nanoTime();
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(new Label("EvPower")), 1280, 800));
            stage.setTitle("EvPower");
            stage.setOnShown(e -> {
                System.out.println("shown after " + (System.nanoTime() - mainStarted) / 1_000_000 + " ms");
                System.out.flush();
            });
            stage.show();
        }
    }
}

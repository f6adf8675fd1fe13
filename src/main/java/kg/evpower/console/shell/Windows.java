package kg.evpower.console.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import kg.evpower.console.i18n.Messages;

/** The main window's own pieces: its icons, and the one alert for a bug of ours that reached the top. */
public final class Windows {

    private static boolean internalErrorShown;

    private Windows() {
    }

    /** Shows {@code root} in the window, in the console's one scene (made with the console's stylesheet the first time). */
    public static void setRoot(Stage stage, javafx.scene.Parent root) {
        if (stage.getScene() == null) {
            javafx.scene.Scene scene = new javafx.scene.Scene(root);
            scene.getStylesheets().add(Windows.class.getResource("/kg/evpower/console/console.css").toExternalForm());
            stage.setScene(scene);
        } else {
            stage.getScene().setRoot(root);
        }
    }

    /** The window icons, decoded in the background (not before the first frame). */
    public static void setIcons(Stage stage) {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(Windows.class.getResource("/kg/evpower/console/icon/evpower-console-" + size + ".png")
                    .toExternalForm(), true));
        }
    }

    /** Says in plain words that something of ours failed (the details are in the log), once at a time. FX thread. */
    public static void internalError(Stage owner, Messages m) {
        if (internalErrorShown || m == null) {
            return;
        }
        internalErrorShown = true;
        Alert alert = new Alert(Alert.AlertType.ERROR, m.get("error.internal"), new ButtonType(m.get("button.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.setHeaderText(m.get("error.internal.title"));
        alert.initOwner(owner);
        alert.setOnHidden(e -> internalErrorShown = false);
        alert.show();
    }
}

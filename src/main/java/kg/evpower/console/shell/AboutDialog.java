package kg.evpower.console.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import kg.evpower.console.i18n.Messages;

/** "О программе": version, build time, Java and JavaFX, folders, server and user, and a "copy diagnostics" button. */
public final class AboutDialog {

    private AboutDialog() {
    }

    public static void show(Window owner, Messages m, AboutInfo info) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(m.get("about.title"));
        dialog.setHeaderText(null);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints(360, 520, Double.MAX_VALUE);
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(keys, values);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"about.version", info.build().version()});
        rows.add(new String[] {"about.built", info.build().built()});
        rows.add(new String[] {"about.java", info.java()});
        rows.add(new String[] {"about.javafx", info.javafx()});
        rows.add(new String[] {"about.os", info.os()});
        rows.add(new String[] {"about.settings", text(m, info.settings())});
        rows.add(new String[] {"about.data", text(m, info.data())});
        rows.add(new String[] {"about.logs", info.log() == null ? m.get("about.logs.none") : info.log().toString()});
        rows.add(new String[] {"about.server", info.server()});
        rows.add(new String[] {"about.user", info.user() == null ? m.get("about.user.none") : info.user()});
        rows.add(new String[] {"about.heap", m.format("about.heap.value", info.heapUsedMb(), info.heapMaxMb())});
        for (int i = 0; i < rows.size(); i++) {
            Label key = new Label(m.get(rows.get(i)[0]));
            key.getStyleClass().add("text-muted");
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            // selectable, so a path can be copied on its own
            TextField value = new TextField(rows.get(i)[1]);
            value.setEditable(false);
            value.setId(rows.get(i)[0].replace('.', '-'));
            value.getStyleClass().add("about-value");
            grid.addRow(i, key, value);
        }
        Label title = new Label("EvPower Console");
        title.getStyleClass().add("title-3");
        ImageView icon = new ImageView(new Image(AboutDialog.class.getResource("/kg/evpower/console/icon/evpower-console-64.png").toExternalForm()));
        HBox head = new HBox(12, icon, title);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label copied = new Label();
        copied.setId("about-copied");
        copied.getStyleClass().add("text-muted");
        Button copy = new Button(m.get("about.copy"));
        copy.setId("about-copy");
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copied.setWrapText(true);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(info.diagnostics());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copied.setText(m.get("about.copied"));
        });
        HBox actions = new HBox(12, copy, copied);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(copied, Priority.ALWAYS);
        VBox box = new VBox(14, head, grid, actions);
        box.setPadding(new Insets(8, 4, 0, 4));
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().setMinWidth(760);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("about");
        dialog.getDialogPane().getButtonTypes().add(new ButtonType(m.get("button.ok"), ButtonBar.ButtonData.OK_DONE));
        dialog.show();
    }

    private static String text(Messages m, java.nio.file.Path path) {
        return path == null ? m.get("common.unknown") : path.toString();
    }
}

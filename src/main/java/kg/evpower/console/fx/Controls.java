package kg.evpower.console.fx;

import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.util.Duration;

/** Small control recipes the views share, so each exists once. */
public final class Controls {

    private Controls() {
    }

    /** A list cell showing {@code text} of its item (null items included), with an optional graphic for non-null items. */
    public static <T> ListCell<T> textCell(Function<T, String> text, Function<T, Node> graphic) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
                setGraphic(empty || item == null || graphic == null ? null : graphic.apply(item));
            }
        };
    }

    /**
     * A filter choice: a null entry first (meaning "all", shown by {@code text.apply(null)}), then {@code fixed}.
     */
    public static <T> ComboBox<T> choice(String id, List<T> fixed, Function<T, String> text, Function<T, Node> graphic) {
        ComboBox<T> c = new ComboBox<>();
        c.setId(id);
        c.getItems().add(null);
        c.getItems().addAll(fixed);
        c.setPromptText(text.apply(null));
        c.setCellFactory(x -> textCell(text, graphic));
        c.setButtonCell(textCell(text, graphic));
        return c;
    }

    /** Keeps a choice's entries (after its null "all" entry) equal to a changing list, without losing the value. */
    public static void bindChoices(ComboBox<String> c, ObservableList<String> source) {
        Runnable copy = () -> {
            String keep = c.getValue();
            c.getItems().setAll((String) null);
            c.getItems().addAll(source);
            c.setValue(keep);
        };
        source.addListener((ListChangeListener<String>) ch -> copy.run());
        copy.run();
    }

    /**
     * Runs {@code action} every {@code period} while {@code node} is in a scene (relative times moving on), and stops
     * when it leaves, so a view that was replaced does not keep ticking.
     */
    public static void tickWhileShowing(Node node, Duration period, Runnable action) {
        Timeline tick = new Timeline(new KeyFrame(period, e -> action.run()));
        tick.setCycleCount(Timeline.INDEFINITE);
        node.sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                tick.stop();
            } else {
                tick.play();
            }
        });
        if (node.getScene() != null) {
            tick.play();
        }
    }

    /**
     * Gives a dialog OK and Cancel buttons in the console's language (JavaFX's own follow the JVM's locale) and answers
     * the OK type, to look the button up and to test the result against.
     */
    public static javafx.scene.control.ButtonType okCancel(javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d,
                                                           kg.evpower.console.i18n.Messages m) {
        return okCancel(d, m, m.get("button.ok"));
    }

    /** The same, with the OK button saying what it does ("Остановить сессию"). */
    public static javafx.scene.control.ButtonType okCancel(javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d,
                                                           kg.evpower.console.i18n.Messages m, String okText) {
        javafx.scene.control.ButtonType ok = new javafx.scene.control.ButtonType(okText,
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ok, new javafx.scene.control.ButtonType(m.get("button.cancel"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE));
        // Ctrl+Enter confirms from anywhere in the dialog, also from a text area where Enter makes a new line
        d.getDialogPane().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.isShortcutDown()) {
                javafx.scene.Node button = d.getDialogPane().lookupButton(ok);
                if (button instanceof javafx.scene.control.Button b && !b.isDisabled()) {
                    b.fire();
                }
                e.consume();
            }
        });
        javafx.scene.Node okButton = d.getDialogPane().lookupButton(ok);
        if (okButton instanceof javafx.scene.control.Control c) {
            c.setTooltip(new javafx.scene.control.Tooltip("Ctrl+Enter"));
        }
        return ok;
    }

    /** The style class of a screen's one search box, which Ctrl+F focuses and Esc clears. */
    public static final String SCREEN_SEARCH = "screen-search";

    /** A search box bound both ways to a view model's text; the screen's search for Ctrl+F and Esc. */
    public static javafx.scene.control.TextField searchField(String id, String prompt, int columns,
                                                             javafx.beans.property.StringProperty text) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(text);
        field.getStyleClass().add(SCREEN_SEARCH);
        return field;
    }

    /** A read-only text column. */
    public static <T> javafx.scene.control.TableColumn<T, String> column(String title, Function<T, String> text, double width) {
        javafx.scene.control.TableColumn<T, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}

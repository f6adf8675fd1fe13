package kg.evpower.console.fx;

import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;

/**
 * Live updates replace rows (records are immutable), and a TableView drops the selection of a replaced row. This
 * keeps the selection on the same key (station id) across such replacements, without firing a user selection.
 */
public final class KeepSelection<T> {

    private final TableView<T> table;
    private final Function<T, String> key;
    private String selectedKey;
    private boolean restoring;

    private KeepSelection(TableView<T> table, Function<T, String> key) {
        this.table = table;
        this.key = key;
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!restoring && b != null) {
                selectedKey = key.apply(b);
            } else if (b == null && selectedKey != null && !restoring) {
                // the selection model drops a replaced row after the list change has been delivered: come back later
                javafx.application.Platform.runLater(this::restore);
            }
        });
        table.getItems().addListener((ListChangeListener<T>) c -> restore());
    }

    public static <T> KeepSelection<T> on(TableView<T> table, Function<T, String> key) {
        return new KeepSelection<>(table, key);
    }

    /** The user cleared the selection on purpose (or the model did): forget it. */
    public void forget() {
        selectedKey = null;
    }

    /** True while a replaced row is being selected again (listeners may ignore that selection event). */
    public boolean isRestoring() {
        return restoring;
    }

    private void restore() {
        if (selectedKey == null) {
            return;
        }
        T current = table.getSelectionModel().getSelectedItem();
        if (current != null && Objects.equals(key.apply(current), selectedKey)) {
            return;
        }
        for (T item : table.getItems()) {
            if (selectedKey.equals(key.apply(item))) {
                restoring = true;
                try {
                    table.getSelectionModel().select(item);
                } finally {
                    restoring = false;
                }
                return;
            }
        }
    }
}

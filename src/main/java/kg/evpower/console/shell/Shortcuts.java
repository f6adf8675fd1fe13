package kg.evpower.console.shell;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.i18n.Messages;

/**
 * The main window's keys: Ctrl+1…9 the screens in the navigation's order, Ctrl+F the screen's search, Esc clears
 * it, F5 reads the screen's data again, F1 this list (Ctrl+Enter confirms a dialog: {@link Controls#okCancel}).
 */
public final class Shortcuts {

    /** Each key with the message key of what it does, in the order the help window lists them. */
    static final List<String[]> KEYS = List.of(new String[] {"Ctrl+1 … Ctrl+6", "keys.screens"}, new String[] {"Ctrl+F", "keys.search"},
            new String[] {"Esc", "keys.escape"}, new String[] {"F5", "keys.refresh"}, new String[] {"Ctrl+Enter", "keys.confirm"},
            new String[] {"F1", "keys.help"});

    private Shortcuts() {
    }

    /** Acts on a key pressed in the main window; true when it was one of ours. */
    static boolean handle(KeyEvent e, MainView view, Messages m) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() && (k.isDigitKey())) {
            int n = Character.getNumericValue(k.getChar().charAt(k.getChar().length() - 1));
            List<ToggleButton> nav = view.navButtons();
            if (n >= 1 && n <= nav.size()) {
                nav.get(n - 1).fire();
                return true;
            }
            return false;
        }
        if (e.isShortcutDown() && k == KeyCode.F) {
            TextInputControl search = search(view);
            if (search != null) {
                search.requestFocus();
                search.selectAll();
                return true;
            }
            return false;
        }
        if (k == KeyCode.ESCAPE) {
            TextInputControl search = search(view);
            if (search != null && search.getText() != null && !search.getText().isEmpty()) {
                search.clear();
                return true;
            }
            return false;
        }
        if (k == KeyCode.F5) {
            MainView.NavItem item = view.current();
            if (item != null && item.refresh() != null) {
                item.refresh().run();
                return true;
            }
            return false;
        }
        if (k == KeyCode.F1) {
            show(view, m);
            return true;
        }
        return false;
    }

    /** The search box of the screen shown now, or null. */
    private static TextInputControl search(MainView view) {
        Node center = view.getCenter();
        Node found = center == null ? null : center.lookup("." + Controls.SCREEN_SEARCH);
        return found instanceof TextInputControl t ? t : null;
    }

    /** «Сочетания клавиш»: every key and what it does. */
    static void show(MainView view, Messages m) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(m.get("keys.title"));
        d.setHeaderText(null);
        if (view.getScene() != null) {
            d.initOwner(view.getScene().getWindow());
        }
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(8);
        int r = 0;
        for (String[] key : KEYS) {
            Label keys = new Label(key[0]);
            keys.getStyleClass().add("text-bold");
            Label what = new Label(m.get(key[1]));
            what.setWrapText(true);
            what.setMaxWidth(420);
            g.addRow(r++, keys, what);
        }
        g.setId("shortcuts");
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(new ButtonType(m.get("button.ok"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        d.show();
    }
}

package kg.evpower.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * What a person at a small screen trips over, read off a live scene graph: a control that can be pressed lying
 * (partly) outside the window or outside what its container shows, a text field squeezed too narrow to type in,
 * and text that must be read shown with an ellipsis. Text inside table and list rows counts only in columns a view marked {@value #MUST_READ}; a label a
 * view marked {@value #MAY_ELIDE} (a free-text address, a comment with a tooltip) may be shortened.
 */
public final class LayoutCheck {

    /** A table column (or any node) whose text must be shown whole. */
    public static final String MUST_READ = kg.evpower.console.fx.ColumnFit.MUST_READ;
    /** A label whose text may be shortened, its full text being one hover away. */
    public static final String MAY_ELIDE = kg.evpower.console.fx.Controls.MAY_ELIDE;

    /** A text field narrower than this cannot show what is typed in it. */
    static final double NARROWEST_FIELD = 60;

    private LayoutCheck() {
    }

    /** Every problem in the scene, one line each, naming the node by its id or its nearest ancestor's id. Call on the FX thread. */
    public static List<String> problems(Scene scene) {
        List<String> found = new ArrayList<>();
        double w = scene.getWidth();
        double h = scene.getHeight();
        walk(scene.getRoot(), w, h, false, found);
        return found;
    }

    private static void walk(Node node, double w, double h, boolean inRows, List<String> found) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        boolean rows = inRows || node.getStyleClass().contains("virtual-flow");
        boolean scrolled = node instanceof ScrollPane;
        if ((node instanceof ButtonBase || node instanceof ComboBoxBase || node instanceof TextInputControl) && !rows
                && !insideScroll(node)) {
            String outside = outside(node, w, h);
            if (outside != null) {
                found.add(describe(node) + " is " + outside);
            }
            if (node instanceof TextInputControl field && field.getWidth() > 0 && field.getWidth() < NARROWEST_FIELD) {
                found.add(describe(node) + " is squeezed to " + Math.round(field.getWidth()) + " px");
            }
        }
        if (node instanceof Labeled l && !l.getStyleClass().contains(MAY_ELIDE) && (!rows || mustRead(l))) {
            String cut = cut(l);
            if (cut != null) {
                found.add(describe(node) + " shows «" + cut + "» of «" + l.getText() + "»");
            }
        }
        if (node instanceof Parent p && !scrolled) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, w, h, rows, found);
            }
        } else if (node instanceof ScrollPane sp && sp.getContent() != null) {
            walk(sp.getContent(), w, h, rows, found);
        }
    }

    private static boolean insideScroll(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane) {
                return true;
            }
        }
        return false;
    }

    /** Where the node leaves the window or an ancestor's clip, or null when it is whole on screen. */
    private static String outside(Node node, double w, double h) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return null;
        }
        double eps = 0.5;
        if (b.getMinX() < -eps || b.getMinY() < -eps || b.getMaxX() > w + eps || b.getMaxY() > h + eps) {
            return String.format("outside the %.0fx%.0f window at x %.0f..%.0f, y %.0f..%.0f", w, h, b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY());
        }
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            Node clip = p.getClip();
            if (clip != null) {
                Bounds c = p.localToScene(clip.getBoundsInParent());
                if (b.getMinX() < c.getMinX() - eps || b.getMaxX() > c.getMaxX() + eps || b.getMinY() < c.getMinY() - eps
                        || b.getMaxY() > c.getMaxY() + eps) {
                    return String.format("cut by %s at x %.0f..%.0f (its %s shows %.0f..%.0f)", describe(p), b.getMinX(), b.getMaxX(),
                            p.getClass().getSimpleName(), c.getMinX(), c.getMaxX());
                }
            }
        }
        return null;
    }

    private static boolean mustRead(Labeled l) {
        if (l.getStyleClass().contains(MUST_READ)) {
            return true;
        }
        if (l instanceof javafx.scene.control.IndexedCell<?> cell) {
            if (cell instanceof javafx.scene.control.TableCell<?, ?> tc && tc.getTableColumn() != null) {
                return marked(tc.getTableColumn());
            }
            if (cell instanceof javafx.scene.control.TreeTableCell<?, ?> tc && tc.getTableColumn() != null) {
                return marked(tc.getTableColumn());
            }
        }
        return false;
    }

    private static boolean marked(TableColumnBase<?, ?> column) {
        return column.getStyleClass().contains(MUST_READ);
    }

    /** The shortened text the label shows, or null when it shows all of it (or nothing). */
    private static String cut(Labeled l) {
        String full = l.getText();
        if (full == null || full.isBlank() || l.getSkin() == null) {
            return null;
        }
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                String shown = t.getText();
                if (shown == null || !child.isVisible()) {
                    return null;
                }
                String plain = l.isMnemonicParsing() ? full.replace("_", "") : full;
                String ellipsis = l.getEllipsisString();
                if (!shown.equals(plain) && !shown.equals(full) && (ellipsis.isEmpty() || shown.contains(ellipsis) || shown.length() < plain.length())) {
                    return shown;
                }
                return null;
            }
        }
        return null;
    }

    private static String describe(Node node) {
        String own = node.getClass().getSimpleName() + (node.getId() != null ? "#" + node.getId() : "");
        if (node.getId() != null) {
            return own;
        }
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                return own + " in #" + p.getId();
            }
        }
        return own;
    }
}

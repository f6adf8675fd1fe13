package kg.evpower.console.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Keeps every shown column header whole on a narrow window: each column is kept at least as wide as its header needs,
 * and when the table cannot give all of them that, the least important columns are hidden first (and shown again
 * when the table grows). The view names the columns that may go, least important first; the others always stay.
 */
public final class ColumnFit {

    /** What a header needs besides its text: padding, border, and room for the sort arrow. */
    private static final double HEADER_EXTRA = 30;
    /** Room kept for the vertical scroll bar. */
    private static final double SCROLL_BAR = 16;
    private static final String ORIGINAL_MIN = "columnFit.min";
    /** Style class of a column whose cells must be read whole (the layout test holds the view to it). */
    public static final String MUST_READ = "must-read";

    private ColumnFit() {
    }

    /** Installs the rule on {@code table}; {@code dropFirst} are the columns that may be hidden, least important first. */
    @SafeVarargs
    public static <S> void install(TableView<S> table, TableColumn<S, ?>... dropFirst) {
        List<TableColumn<S, ?>> order = List.of(dropFirst);
        Runnable fit = () -> fit(table, order);
        table.widthProperty().addListener((o, a, b) -> fit.run());
        table.skinProperty().addListener((o, a, b) -> fit.run());
        for (TableColumn<S, ?> c : table.getColumns()) {
            c.textProperty().addListener((o, a, b) -> fit.run());
        }
    }

    /** As {@link #install(TableView, TableColumn[])}, naming the columns by their ids. */
    public static <S> void install(TableView<S> table, String... dropFirstIds) {
        List<TableColumn<S, ?>> order = new ArrayList<>();
        for (String id : dropFirstIds) {
            order.add(table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no column " + id)));
        }
        @SuppressWarnings("unchecked")
        TableColumn<S, ?>[] columns = order.toArray(TableColumn[]::new);
        install(table, columns);
    }

    /** Marks columns whose cells must be shown whole (an id, a status): the view gives them the width for it. */
    public static void mustRead(TableColumn<?, ?>... columns) {
        for (TableColumn<?, ?> c : columns) {
            c.getStyleClass().add(MUST_READ);
        }
    }

    /**
     * Marks a column that must be read whole and keeps it at least as wide as the longest of {@code values} (every
     * text its cells can show, in the language on screen), with {@code graphic} px more for an icon before the text.
     */
    public static void mustRead(TableColumn<?, ?> column, double graphic, java.util.Collection<String> values) {
        mustRead(column);
        double widest = 0;
        for (String v : values) {
            widest = Math.max(widest, textWidth(v, Font.getDefault()));
        }
        double need = widest + graphic + 20;
        column.getProperties().put(ORIGINAL_MIN, Math.max(column.getMinWidth(), need));
        column.setMinWidth(Math.max(column.getMinWidth(), need));
    }

    private static <S> void fit(TableView<S> table, List<TableColumn<S, ?>> dropFirst) {
        Font font = headerFont(table);
        for (TableColumn<S, ?> c : table.getColumns()) {
            keepWhole(c, font);
        }
        if (table.getWidth() <= 0) {
            return;
        }
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR;
        double used = 0;
        for (TableColumn<S, ?> c : table.getColumns()) {
            if (c.isVisible()) {
                used += width(c);
            }
        }
        // hide from the least important while the shown ones do not fit
        for (TableColumn<S, ?> c : dropFirst) {
            if (used <= room) {
                break;
            }
            if (c.isVisible()) {
                c.setVisible(false);
                used -= width(c);
            }
        }
        // and show again, from the most important, what fits now
        List<TableColumn<S, ?>> back = new ArrayList<>(dropFirst);
        java.util.Collections.reverse(back);
        for (TableColumn<S, ?> c : back) {
            if (!c.isVisible()) {
                if (used + width(c) > room) {
                    break;
                }
                c.setVisible(true);
                used += width(c);
            }
        }
    }

    /**
     * Gives each leaf column at least the width its header needs (a group's own header, when wider than its
     * children's, widens the last child) and returns what the column needs in all.
     */
    private static double keepWhole(TableColumn<?, ?> c, Font font) {
        double own = need(c, font);
        if (c.getColumns().isEmpty()) {
            Object original = c.getProperties().computeIfAbsent(ORIGINAL_MIN, k -> c.getMinWidth());
            c.setMinWidth(Math.max((Double) original, own));
            return c.getMinWidth();
        }
        double children = 0;
        for (TableColumn<?, ?> child : c.getColumns()) {
            children += keepWhole(child, font);
        }
        if (own > children) {
            TableColumn<?, ?> last = c.getColumns().get(c.getColumns().size() - 1);
            last.setMinWidth(last.getMinWidth() + own - children);
        }
        return Math.max(own, children);
    }

    /** The least width a (group) column takes: its leaves' minimum widths. */
    private static double width(TableColumn<?, ?> c) {
        if (c.getColumns().isEmpty()) {
            return c.getMinWidth();
        }
        double sum = 0;
        for (TableColumn<?, ?> child : c.getColumns()) {
            sum += child.isVisible() ? width(child) : 0;
        }
        return sum;
    }

    /** The width a column's header needs to show its title whole. */
    static double need(TableColumn<?, ?> c, Font font) {
        double w = textWidth(c.getText() == null ? "" : c.getText(), font) + HEADER_EXTRA;
        if (c.getGraphic() instanceof Region r) {
            w += r.prefWidth(-1) + 4;
        }
        return w;
    }

    private static double textWidth(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /** The font the headers are drawn in (the theme makes them bold), or the default before the table has a skin. */
    private static Font headerFont(TableView<?> table) {
        Node label = table.lookup(".column-header .label");
        if (label instanceof Labeled l && l.getFont() != null) {
            return l.getFont();
        }
        return Font.font(Font.getDefault().getFamily(), javafx.scene.text.FontWeight.BOLD, Font.getDefault().getSize());
    }
}

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
import javafx.scene.layout.Region;
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

    /** Style class of a label that may be shortened, its whole text being one hover away (the layout test allows it). */
    public static final String MAY_ELIDE = "may-elide";

    /**
     * Two panes side by side while there is {@code below} px of width or more, one above the other when there is less:
     * a form and its preview on a wide window, stacked on a narrow one, neither squeezed.
     */
    public static javafx.scene.layout.Pane sideBySide(double below, double gap, Node first, Node second) {
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane();
        javafx.scene.layout.HBox wide = new javafx.scene.layout.HBox(gap);
        javafx.scene.layout.VBox narrow = new javafx.scene.layout.VBox(gap);
        javafx.scene.layout.HBox.setHgrow(first, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(second, javafx.scene.layout.Priority.ALWAYS);
        java.util.function.DoubleConsumer arrange = w -> {
            javafx.scene.layout.Pane want = w > 0 && w < below ? narrow : wide;
            if (!holder.getChildren().contains(want)) {
                (want == wide ? narrow : wide).getChildren().clear();
                want.getChildren().setAll(first, second);
                holder.getChildren().setAll(want);
            }
        };
        arrange.accept(0);
        holder.widthProperty().addListener((o, a, b) -> arrange.accept(b.doubleValue()));
        holder.setMinWidth(0);
        return holder;
    }

    /**
     * A filter of several choices (ControlsFX CheckComboBox) bound both ways to {@code chosen}, the set of checked
     * entries, empty meaning all. It reads «Все статусы» with none checked, the entry with one, «Бишкек +2» with more,
     * and keeps what is chosen while {@code items} change (a city that arrives later is checked when it does).
     */
    public static <T> org.controlsfx.control.CheckComboBox<T> checks(String id, ObservableList<T> items, Function<T, String> text,
                                                                      String all, javafx.beans.property.ObjectProperty<java.util.Set<T>> chosen) {
        org.controlsfx.control.CheckComboBox<T> c = new org.controlsfx.control.CheckComboBox<>(items);
        c.setId(id);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? all : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        boolean[] syncing = {false};
        Runnable toView = () -> {
            syncing[0] = true;
            try {
                org.controlsfx.control.IndexedCheckModel<T> model = c.getCheckModel();
                for (int i = 0; i < items.size(); i++) {
                    boolean want = chosen.get().contains(items.get(i));
                    if (model.isChecked(i) != want) {
                        if (want) {
                            model.check(i);
                        } else {
                            model.clearCheck(i);
                        }
                    }
                }
            } finally {
                syncing[0] = false;
            }
        };
        c.getCheckModel().getCheckedItems().addListener((ListChangeListener<T>) change -> {
            if (!syncing[0]) {
                java.util.Set<T> now = new java.util.LinkedHashSet<>(c.getCheckModel().getCheckedItems());
                now.remove(null);
                chosen.set(java.util.Collections.unmodifiableSet(now));
            }
        });
        chosen.addListener((o, a, b) -> toView.run());
        items.addListener((ListChangeListener<T>) change -> toView.run());
        toView.run();
        c.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            java.util.Set<T> s = chosen.get();
            if (s == null || s.isEmpty()) {
                return all;
            }
            String first = text.apply(s.iterator().next());
            return s.size() == 1 ? first : first + " +" + (s.size() - 1);
        }, chosen));
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    /** A form's grid: labels in the first column, never cut (a long Kyrgyz label widens the column instead). */
    public static javafx.scene.layout.GridPane formGrid() {
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        return g;
    }

    /** A table's or list's empty text, wrapped within it rather than cut at its edges on a narrow window. */
    public static javafx.scene.control.Label placeholder(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        l.setPadding(new javafx.geometry.Insets(0, 12, 0, 12));
        return l;
    }

    /**
     * A filter choice: a null entry first (meaning "all", shown by {@code text.apply(null)}), then {@code fixed}.
     */
    /** A choice of exactly {@code items} (no empty entry), each said by {@code text}, bound both ways to {@code value}. */
    public static <T> ComboBox<T> boundChoice(String id, List<T> items, Function<T, String> text, javafx.beans.property.Property<T> value) {
        ComboBox<T> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(items);
        c.setButtonCell(textCell(text, null));
        c.setCellFactory(l -> textCell(text, null));
        c.valueProperty().bindBidirectional(value);
        return c;
    }

    public static <T> ComboBox<T> choice(String id, List<T> fixed, Function<T, String> text, Function<T, Node> graphic) {
        ComboBox<T> c = new ComboBox<>();
        c.setId(id);
        c.getItems().add(null);
        c.getItems().addAll(fixed);
        c.setPromptText(text.apply(null));
        c.setCellFactory(x -> textCell(text, graphic));
        c.setButtonCell(textCell(text, graphic));
        // a filter keeps the width of its longest entry; the search field beside it gives way first
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
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

    /**
     * A text column whose cells wrap onto more lines instead of cutting the text (a finding's class, a long name):
     * a wrapped Label as the graphic, as wide as the column.
     */
    public static <T> javafx.scene.control.TableColumn<T, String> wrappingColumn(String title, Function<T, String> text, double width) {
        javafx.scene.control.TableColumn<T, String> c = column(title, text, width);
        c.setCellFactory(col -> new WrappingCell<>(col.widthProperty().subtract(14)));
        return c;
    }

    /**
     * A cell showing its text wrapped at {@code width}: a Text node, whose height follows its wrapping width exactly
     * (a wrapped Label is measured one line high and cut), in the cell's own font and colour (selection, dark theme).
     */
    public static final class WrappingCell<S> extends javafx.scene.control.TableCell<S, String> {
        private final javafx.scene.text.Text text = new javafx.scene.text.Text();

        public WrappingCell(javafx.beans.value.ObservableNumberValue width) {
            wrap(text, this, width);
        }

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            text.setText(empty || s == null ? "" : s);
            setGraphic(empty || s == null ? null : text);
        }
    }

    /** A list cell showing its text wrapped to the list's width, as {@link WrappingCell} does for tables. */
    public static javafx.scene.control.ListCell<String> wrappingListCell(javafx.scene.control.ListView<String> list) {
        return wrappingListCell(list, s -> s, s -> false);
    }

    /**
     * A list cell showing {@code text} of its item wrapped to the list's width; items that {@code warn} are in the
     * warning colour.
     */
    public static <T> javafx.scene.control.ListCell<T> wrappingListCell(javafx.scene.control.ListView<T> list, Function<T, String> text,
                                                                        java.util.function.Predicate<T> warn) {
        javafx.scene.text.Text shown = new javafx.scene.text.Text();
        javafx.scene.control.ListCell<T> c = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("warning-text");
                shown.setText(empty || item == null ? "" : text.apply(item));
                setGraphic(empty || item == null ? null : shown);
                if (!empty && item != null && warn.test(item)) {
                    getStyleClass().add("warning-text");
                }
            }
        };
        wrap(shown, c, list.widthProperty().subtract(34));
        c.setPrefWidth(0); // as wide as the list gives, never wider: no sideways scrolling
        return c;
    }

    /** Makes {@code text} what a wrapping cell shows: wrapped at {@code width}, in the cell's font and colour, alone. */
    private static void wrap(javafx.scene.text.Text text, javafx.scene.control.Cell<?> cell, javafx.beans.value.ObservableNumberValue width) {
        text.wrappingWidthProperty().bind(width);
        text.fontProperty().bind(cell.fontProperty());
        text.fillProperty().bind(cell.textFillProperty());
        cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
    }
}

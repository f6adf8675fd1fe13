package kg.evpower.console.payments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.FilePicker;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;

/**
 * The payment reconciliation screen: period and source on top with the statement and the run/cancel button, the
 * progress and the headline ("unexplained som") under it, then the summary by class, the findings table with its
 * filters and the selected finding's evidence, recommended action and resolution log. Binds to {@link PaymentsViewModel}.
 */
public final class PaymentsView extends BorderPane {

    /** What the view needs from outside: the remembered settings and the file dialogs. */
    public interface Host {
        /** The remembered column mapping for a provider, or null. */
        StatementImport.Mapping mapping(String provider);

        void rememberMapping(String provider, StatementImport.Mapping mapping);

        /** The saved PostgreSQL connection, or null. */
        PostgresMoneySource.Settings postgres();

        void rememberPostgres(PostgresMoneySource.Settings settings);

        /** Asks for the statement to load and where to export. */
        FilePicker files();
    }

    static final String PROVIDER = "O!Dengi";

    private final PaymentsViewModel vm;
    private final Messages m;
    private final Formats formats;
    private final Host host;

    public PaymentsView(PaymentsViewModel vm, Messages m, Formats formats, Host host) {
        this.vm = vm;
        this.m = m;
        this.formats = formats;
        this.host = host;
        setId("payments-view");
        setPadding(new Insets(12));
        Node headline = headline();
        VBox top = new VBox(8, toolbar(), statementBar(), progressBar(), kg.evpower.console.fx.StaleBanner.of(vm.freshness(), m, formats), headline);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        SplitPane split = new SplitPane(summary(), findings(), detail());
        kg.evpower.console.fx.StaleBanner.dim(vm.freshness(), headline, split); // a failed run leaves the last report, dimmed
        split.setDividerPositions(0.36, 0.74);
        setCenter(split);
        vm.mappingRequestProperty().addListener((o, a, b) -> mappingAsked(b));
    }

    private javafx.scene.Node toolbar() {
        Label period = new Label(m.get("recon.period"));
        DatePicker from = new DatePicker();
        from.setId("recon-from");
        from.valueProperty().bindBidirectional(vm.fromDayProperty());
        DatePicker to = new DatePicker();
        to.setId("recon-to");
        to.valueProperty().bindBidirectional(vm.toDayProperty());
        MenuButton presets = new MenuButton(m.get("recon.preset"));
        for (PaymentsViewModel.Preset p : PaymentsViewModel.Preset.values()) {
            MenuItem i = new MenuItem(m.get(p.key));
            i.setOnAction(e -> vm.preset(p));
            presets.getItems().add(i);
        }
        Button run = new Button(m.get("recon.run"));
        run.setId("recon-run");
        run.setDefaultButton(true);
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> run());
        Button cancel = new Button(m.get("recon.cancel"));
        cancel.setId("recon-cancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        MenuButton export = new MenuButton(m.get("recon.export"));
        export.setId("recon-export");
        MenuItem xlsx = new MenuItem(m.get("recon.export.filter.xlsx"));
        xlsx.setOnAction(e -> export(ReportExport.Format.XLSX));
        MenuItem csv = new MenuItem(m.get("recon.export.filter.csv"));
        csv.setOnAction(e -> export(ReportExport.Format.CSV));
        export.getItems().addAll(xlsx, csv);
        export.disableProperty().bind(Bindings.isEmpty(vm.classes()).or(vm.runningProperty()));
        for (DatePicker p : List.of(from, to)) {
            p.setConverter(new javafx.util.converter.LocalDateStringConverter(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"), null));
            p.setPrefWidth(140);
            p.setMinWidth(140);
        }
        HBox periodBox = new HBox(8, period, new Label(m.get("recon.period.from")), from, new Label(m.get("recon.period.to")), to, presets);
        HBox actions = new HBox(8, cancel, export, run);
        for (HBox box : List.of(periodBox, actions)) {
            box.getChildren().stream().filter(n -> n instanceof Label || n instanceof Button || n instanceof MenuButton)
                    .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
            box.setAlignment(Pos.CENTER_LEFT);
        }
        // the run button never leaves the window: where the period and the actions do not fit on one line, the actions wrap
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(16, 6, periodBox, actions);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private javafx.scene.Node statementBar() {
        ComboBox<MoneySource.Kind> source = Controls.choice("recon-source", List.of(MoneySource.Kind.values()),
                k -> m.get(k == MoneySource.Kind.API ? "recon.source.api" : "recon.source.postgres"), k -> null);
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        Button pg = new Button(m.get("recon.pg.settings"));
        pg.setId("recon-pg-settings");
        pg.visibleProperty().bind(vm.sourceProperty().isEqualTo(MoneySource.Kind.POSTGRES));
        pg.managedProperty().bind(pg.visibleProperty());
        pg.setOnAction(e -> postgresDialog());
        Label title = new Label(m.get("recon.statement") + ":");
        Label text = new Label();
        text.setId("recon-statement");
        text.textProperty().bind(vm.statementTextProperty());
        Button load = new Button(m.get("recon.statement.load"));
        load.setId("recon-statement-load");
        load.setOnAction(e -> loadStatement());
        Button clear = new Button(m.get("recon.statement.clear"));
        clear.visibleProperty().bind(vm.statementProperty().isNotNull());
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> vm.clearStatement());
        Label warning = new Label();
        warning.setId("recon-warning");
        warning.getStyleClass().add("warning-text");
        warning.textProperty().bind(vm.warningProperty());
        warning.setWrapText(true);
        warning.managedProperty().bind(warning.textProperty().isNotEmpty());
        HBox sourceBox = new HBox(8, new Label(m.get("recon.source")), source, pg);
        HBox statementBox = new HBox(8, title, text, load, clear);
        for (HBox box : List.of(sourceBox, statementBox)) {
            box.getChildren().stream().filter(n -> n instanceof Label || n instanceof Button)
                    .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
            box.setAlignment(Pos.CENTER_LEFT);
        }
        // where the source and the statement do not fit on one line, the statement wraps under the source
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(16, 6, sourceBox, statementBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, bar, warning);
    }

    private javafx.scene.Node progressBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("recon-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setPrefWidth(260);
        Label status = new Label();
        status.setId("recon-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((o, a, b) -> status.getStyleClass().setAll(b ? List.of("label", "danger") : List.of("label")));
        HBox box = new HBox(8, bar, status);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private javafx.scene.Node headline() {
        Label big = new Label();
        big.setId("recon-headline");
        big.textProperty().bind(vm.headlineProperty());
        big.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
        vm.headlineBadProperty().addListener((o, a, b) -> big.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;"
                + (b ? " -fx-text-fill: -color-danger-fg;" : " -fx-text-fill: -color-success-fg;")));
        Label totals = new Label();
        totals.setId("recon-totals");
        totals.textProperty().bind(vm.totalsProperty());
        totals.setWrapText(true);
        VBox box = new VBox(2, big, totals);
        return box;
    }

    private javafx.scene.Node summary() {
        TableView<PaymentsViewModel.ClassRow> t = new TableView<>(vm.classes());
        t.setId("recon-summary");
        t.getColumns().add(Controls.wrappingColumn(m.get("recon.summary.class"), PaymentsViewModel.ClassRow::title, 210));
        t.getColumns().add(Controls.column(m.get("recon.summary.count"), r -> String.valueOf(r.count()), 76));
        t.getColumns().add(Controls.column(m.get("recon.summary.sum"), r -> formats.som(r.sum()), 112));
        t.getColumns().get(1).setMinWidth(76);
        t.getColumns().get(2).setMinWidth(112);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(Controls.placeholder(m.get("recon.findings.empty")));
        t.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(PaymentsViewModel.ClassRow r, boolean empty) {
                super.updateItem(r, empty);
                setStyle(r != null && r.kind() != null && r.kind().unexplained() ? "-fx-text-background-color: -color-danger-fg;" : "");
            }
        });
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.classFilterProperty().set(b == null ? null : b.kind()));
        return t;
    }

    private javafx.scene.Node findings() {
        TextField search = Controls.searchField("recon-search", m.get("recon.filter.search"), 24, vm.searchProperty());
        CheckBox resolved = new CheckBox(m.get("recon.filter.showResolved"));
        resolved.selectedProperty().bindBidirectional(vm.showResolvedProperty());
        CheckBox unexplained = new CheckBox(m.get("recon.filter.unexplainedOnly"));
        unexplained.selectedProperty().bindBidirectional(vm.unexplainedOnlyProperty());
        VBox filters = new VBox(6, search, resolved, unexplained);
        TableView<PaymentsViewModel.FindingRow> t = new TableView<>(vm.findings());
        t.setId("recon-findings");
        t.getColumns().add(Controls.wrappingColumn(m.get("recon.summary.class"), PaymentsViewModel.FindingRow::title, 200));
        javafx.scene.control.TableColumn<PaymentsViewModel.FindingRow, String> amount = Controls.column(m.get("recon.findings.amount"),
                r -> formats.som(r.finding().amount()), 90);
        amount.setStyle("-fx-alignment: CENTER-RIGHT;");
        t.getColumns().add(amount);
        javafx.scene.control.TableColumn<PaymentsViewModel.FindingRow, String> subject = Controls.column(m.get("recon.findings.subject"),
                r -> r.finding().subject(), 170);
        javafx.scene.control.TableColumn<PaymentsViewModel.FindingRow, String> at = Controls.column(m.get("recon.findings.at"),
                r -> r.finding().at() == null ? "—" : formats.dateTime(r.finding().at()), 120);
        javafx.scene.control.TableColumn<PaymentsViewModel.FindingRow, String> state = Controls.column(m.get("recon.findings.state"),
                r -> m.get(r.resolved() ? "recon.findings.resolved" : "recon.findings.open"), 70);
        javafx.scene.control.TableColumn<PaymentsViewModel.FindingRow, String> client = Controls.column(m.get("recon.findings.client"),
                r -> r.finding().clientId() == null ? "—" : r.finding().clientId(), 120);
        t.getColumns().addAll(List.of(subject, at, state, client));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // what it is and how much stay; the client (in the evidence too) goes first
        kg.evpower.console.fx.ColumnFit.install(t, client, state, at, subject);
        kg.evpower.console.fx.ColumnFit.mustRead(amount);
        t.setPlaceholder(Controls.placeholder(m.get("recon.findings.empty")));
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        VBox.setVgrow(t, Priority.ALWAYS);
        VBox box = new VBox(6, filters, t);
        box.setPadding(new Insets(0, 6, 0, 6));
        return box;
    }

    private javafx.scene.Node detail() {
        Label evidenceTitle = new Label(m.get("recon.detail.evidence"));
        evidenceTitle.getStyleClass().add("title-4");
        ListView<String> evidence = new ListView<>(vm.evidence());
        evidence.setId("recon-evidence");
        evidence.setPlaceholder(Controls.placeholder(m.get("recon.detail.none")));
        evidence.setCellFactory(Controls::wrappingListCell);
        VBox.setVgrow(evidence, Priority.ALWAYS);
        Label actionTitle = new Label(m.get("recon.detail.action"));
        actionTitle.getStyleClass().add("title-4");
        Label action = new Label();
        action.setId("recon-action");
        action.setWrapText(true);
        action.textProperty().bind(vm.actionProperty());
        action.setMaxWidth(Double.MAX_VALUE);
        action.setMinHeight(Region.USE_PREF_SIZE);
        Label historyTitle = new Label(m.get("recon.detail.history"));
        historyTitle.getStyleClass().add("title-4");
        ListView<String> history = new ListView<>(vm.history());
        history.setId("recon-history");
        history.setPrefHeight(110);
        history.setMinHeight(80);
        history.setCellFactory(Controls::wrappingListCell);
        Button resolve = new Button(m.get("recon.resolve"));
        resolve.setId("recon-resolve");
        resolve.disableProperty().bind(vm.selectedProperty().isNull());
        resolve.setOnAction(e -> decide(ResolutionLog.Action.RESOLVED));
        Button reopen = new Button(m.get("recon.reopen"));
        reopen.setId("recon-reopen");
        reopen.disableProperty().bind(vm.selectedProperty().isNull());
        reopen.setOnAction(e -> decide(ResolutionLog.Action.REOPENED));
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(8, 6, resolve, reopen);
        VBox box = new VBox(6, evidenceTitle, evidence, actionTitle, action, historyTitle, history, buttons);
        box.setPadding(new Insets(0, 0, 0, 6));
        box.setMinWidth(260);
        return box;
    }

    // --- actions

    /** A dialog owned by this view's window with OK (saying {@code okText}) and Cancel; answers the OK button type. */
    private ButtonType dialog(Dialog<ButtonType> d, String title, String header, javafx.scene.Node content, String okText) {
        d.setTitle(title);
        d.setHeaderText(header);
        d.getDialogPane().setContent(content);
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        return Controls.okCancel(d, m, okText);
    }

    /** OK stays disabled while {@code invalid} answers true; it is re-asked whenever one of {@code inputs} changes. */
    private static void okOnlyWhen(Dialog<ButtonType> d, ButtonType ok, java.util.concurrent.Callable<Boolean> invalid,
                                   javafx.beans.Observable... inputs) {
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(invalid, inputs));
    }

    private void run() {
        if (vm.sourceProperty().get() != MoneySource.Kind.POSTGRES) {
            vm.run(null);
            return;
        }
        if (host.postgres() == null && !postgresDialog()) {
            return;
        }
        PasswordField password = new PasswordField();
        password.setId("recon-pg-password");
        password.setPromptText(m.get("recon.pg.password"));
        Dialog<ButtonType> d = new Dialog<>();
        ButtonType ok = dialog(d, m.get("recon.pg.title"), host.postgres().toString(),
                new VBox(6, password, new Label(m.get("recon.pg.passwordNote"))), m.get("recon.run"));
        d.setOnShown(e -> password.requestFocus());
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.run(password.getText().toCharArray()));
    }

    /** Asks for the PostgreSQL connection; true when saved. */
    private boolean postgresDialog() {
        PostgresForm s = PostgresForm.of(host.postgres());
        TextField h = new TextField(s.host());
        TextField port = new TextField(s.port());
        TextField db = new TextField(s.database());
        TextField user = new TextField(s.user());
        ComboBox<String> ssl = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(PostgresMoneySource.SSL_MODES));
        ssl.setValue(s.sslMode());
        TextField cert = new TextField(s.rootCert());
        cert.setPromptText(m.get("recon.pg.rootcert.prompt"));
        h.setPrefColumnCount(20);
        cert.setPrefColumnCount(23);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints labelsWhole = new javafx.scene.layout.ColumnConstraints();
        labelsWhole.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labelsWhole);
        String[] labels = {"recon.pg.host", "recon.pg.port", "recon.pg.database", "recon.pg.user", "recon.pg.sslmode", "recon.pg.rootcert"};
        javafx.scene.Node[] fields = {h, port, db, user, ssl, cert};
        String[] ids = {"host", "port", "database", "user", "sslmode", "rootcert"};
        for (int i = 0; i < labels.length; i++) {
            fields[i].setId("recon-pg-" + ids[i]);
            g.addRow(i, new Label(m.get(labels[i])), fields[i]);
        }
        java.util.function.Supplier<PostgresForm> form = () -> new PostgresForm(h.getText(), port.getText(), db.getText(), user.getText(),
                ssl.getValue(), cert.getText());
        // texts under the fields wrap at the fields' width; the dialog grows when the TLS warning appears
        Label weak = wrapped(new Label());
        weak.setId("recon-pg-weak");
        weak.getStyleClass().add("warning-text");
        weak.textProperty().bind(Bindings.createStringBinding(() -> form.get().tlsWarning(m), ssl.valueProperty(), h.textProperty()));
        weak.managedProperty().bind(weak.textProperty().isNotEmpty());
        Dialog<ButtonType> d = new Dialog<>();
        ButtonType ok = dialog(d, m.get("recon.pg.title"), null, new VBox(8, g, weak, wrapped(new Label(m.get("recon.pg.passwordNote")))),
                m.get("recon.pg.settings").replace("…", ""));
        weak.textProperty().addListener((o, was, now) -> {
            javafx.scene.Scene scene = d.getDialogPane().getScene();
            if (scene != null && scene.getWindow() != null) {
                scene.getWindow().sizeToScene();
            }
        });
        java.util.function.Supplier<PostgresMoneySource.Settings> typed = () -> form.get().settings();
        okOnlyWhen(d, ok, () -> typed.get() == null, h.textProperty(), port.textProperty(), db.textProperty(), user.textProperty());
        Optional<ButtonType> r = d.showAndWait().filter(ok::equals);
        r.ifPresent(b -> host.rememberPostgres(typed.get()));
        return r.isPresent();
    }

    /** A label that wraps at the width its container gives it instead of widening the container. */
    private static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setPrefWidth(1);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private void loadStatement() {
        Optional<Path> picked = host.files().open(window(), m.get("recon.statement.load"), m.get("recon.statement.filter"),
                List.of("*.csv", "*.xlsx", "*.CSV", "*.XLSX"));
        if (picked.isEmpty()) {
            return;
        }
        vm.statementChosen(picked.get(), host.mapping(PROVIDER));
    }

    /** The view model asks for the column-mapping step: shown, and its answer (or cancel) handed back. */
    private void mappingAsked(MappingRequest request) {
        if (request == null) {
            return;
        }
        StatementImport.Mapping mapping = mappingDialog(request).orElse(null);
        if (mapping != null) {
            host.rememberMapping(PROVIDER, mapping);
        }
        vm.mappingChosen(request, mapping);
    }

    /** The column-mapping step: each field picks a header column; pre-filled from the provider's remembered mapping. */
    Optional<StatementImport.Mapping> mappingDialog(MappingRequest request) {
        StatementImport.Mapping start = request.start();
        String none = m.get("recon.mapping.none");
        List<String> options = new ArrayList<>();
        options.add(none);
        options.addAll(request.header());
        List<String> keys = MappingRequest.FIELDS;
        List<ComboBox<String>> boxes = new ArrayList<>();
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        for (int i = 0; i < keys.size(); i++) {
            ComboBox<String> c = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(options));
            c.setId("recon-map-" + keys.get(i));
            c.setValue(java.util.Objects.requireNonNullElse(request.initial(i), none));
            boxes.add(c);
            g.addRow(i, new Label(m.get("recon.mapping.field." + keys.get(i))), c);
        }
        ToggleGroup units = new ToggleGroup();
        ToggleButton tyiyn = new ToggleButton(m.get("recon.mapping.units.TYIYN"));
        ToggleButton som = new ToggleButton(m.get("recon.mapping.units.SOM"));
        tyiyn.setToggleGroup(units);
        som.setToggleGroup(units);
        (start.unit() == StatementImport.Unit.SOM ? som : tyiyn).setSelected(true);
        g.addRow(keys.size(), new Label(m.get("recon.mapping.units")), new HBox(0, tyiyn, som));
        g.addRow(keys.size() + 1, new Label(m.get("recon.mapping.provider")), new Label(PROVIDER));
        Label required = new Label(m.get("recon.mapping.required"));
        required.getStyleClass().add("text-muted");
        Dialog<ButtonType> d = new Dialog<>();
        ButtonType ok = dialog(d, m.get("recon.mapping.title"), m.get("recon.mapping.header"), new VBox(8, g, required),
                m.get("recon.statement.load").replace("…", ""));
        java.util.function.Supplier<List<String>> picks = () -> boxes.stream().map(b -> none.equals(b.getValue()) ? null : b.getValue()).toList();
        okOnlyWhen(d, ok, () -> !MappingRequest.complete(picks.get()), boxes.get(0).valueProperty(),
                boxes.get(1).valueProperty(), boxes.get(2).valueProperty());
        // ControlsFX decorations: a required field left without a column is marked, a column given to two fields warned
        org.controlsfx.validation.ValidationSupport valid = new org.controlsfx.validation.ValidationSupport();
        for (int i = 0; i < boxes.size(); i++) {
            ComboBox<String> box = boxes.get(i);
            boolean needed = MappingRequest.required(i);
            valid.registerValidator(box, false, (javafx.scene.control.Control c, String v) -> {
                if (needed && (v == null || none.equals(v))) {
                    return org.controlsfx.validation.ValidationResult.fromError(c, m.get("recon.mapping.required"));
                }
                boolean twice = v != null && !none.equals(v) && boxes.stream().filter(b -> b != box).anyMatch(b -> v.equals(b.getValue()));
                return org.controlsfx.validation.ValidationResult.fromWarningIf(c, m.get("recon.mapping.twice"), twice);
            });
            // a change in one box can make another's column a duplicate: look at all of them again
            box.valueProperty().addListener((o, a, b) -> valid.revalidate());
        }
        return d.showAndWait().filter(ok::equals).map(b -> request.mapping(picks.get(), som.isSelected()));
    }

    private void decide(ResolutionLog.Action action) {
        PaymentsViewModel.FindingRow row = vm.selectedProperty().get();
        TextArea note = new TextArea();
        note.setId("recon-note");
        note.setPromptText(m.get("recon.resolve.note"));
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Label required = new Label(m.get("recon.resolve.required"));
        required.getStyleClass().add("text-muted");
        Dialog<ButtonType> d = new Dialog<>();
        ButtonType ok = dialog(d, m.get("recon.resolve.title"), row.title() + "\n" + row.finding().subject() + " — "
                + formats.som(row.finding().amount()), new VBox(6, new Label(m.get("recon.resolve.note")), note, required),
                m.get(action == ResolutionLog.Action.RESOLVED ? "recon.resolve" : "recon.reopen").replace("…", ""));
        okOnlyWhen(d, ok, () -> note.getText().isBlank(), note.textProperty());
        org.controlsfx.validation.ValidationSupport valid = new org.controlsfx.validation.ValidationSupport();
        valid.registerValidator(note, org.controlsfx.validation.Validator.createPredicateValidator(
                (String t) -> t != null && !t.isBlank(), m.get("recon.resolve.required")));
        d.setOnShown(e -> note.requestFocus());
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.decide(action, note.getText()));
    }

    private javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void export(ReportExport.Format format) {
        String ext = format.name().toLowerCase(Locale.ROOT);
        Optional<Path> picked = host.files().save(window(), m.get("recon.export"), m.get("recon.export.filter." + ext), List.of("*." + ext),
                vm.suggestedName(format));
        if (picked.isEmpty()) {
            return;
        }
        vm.export(picked.get(), format);
    }
}

package kg.evpower.console.sessions;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.fx.Controls;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected session: who, where, the OCPP transaction, the money so far, the admin stop, and power, energy,
 * voltage, current and SoC over time from the samples received so far.
 */
final class SessionDetailView extends BorderPane {

    /** At most this many points a chart; longer histories are thinned evenly. */
    private static final int MAX_POINTS = 240;

    private final SessionsViewModel vm;
    private final Messages m;
    private final Formats f;
    private final GridPane facts = new GridPane();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    /** Each chart's time axis (minutes since the start), ranged by {@link #rangeTime} rather than by itself. */
    private final List<NumberAxis> timeAxes = new ArrayList<>();
    /** Which measurand's chart is on screen (0 power … 4 SoC); only that one is drawn. */
    private int shownChart;
    /** The epoch milliseconds the charts' x values count minutes from. */
    private long chartOrigin;
    private MeterHistory.Points lastPoints;
    private final Label placeholder;
    private final VBox body;

    SessionDetailView(SessionsViewModel vm, Messages m, Formats f, java.util.function.Function<String, javafx.scene.Node> stationActions) {
        this.vm = vm;
        this.m = m;
        this.f = f;
        setPadding(new Insets(8));
        setId("session-detail");
        placeholder = new Label(m.get("sessions.detail.none"));
        placeholder.getStyleClass().add("text-muted");

        facts.setHgap(10);
        facts.setVgap(3);
        Button stop = new Button(m.get("sessions.stop"), new FontIcon("mdi2s-stop-circle-outline"));
        stop.setId("session-stop");
        stop.getStyleClass().add("danger");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setVisible(vm.canStop());
        stop.setManaged(vm.canStop());
        // stopping needs the server: not while the stream says it cannot be reached
        stop.disableProperty().bind(vm.stoppingProperty().or(vm.freshness().downProperty()).or(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                vm.selectedProperty().get() == null || !vm.selectedProperty().get().running(), vm.selectedProperty())));
        stop.setOnAction(e -> confirmStop());
        Label outcome = new Label();
        outcome.setId("session-action-message");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.actionMessageProperty());
        outcome.managedProperty().bind(outcome.textProperty().isNotEmpty());
        vm.actionFailedProperty().addListener((o, a, b) -> outcome.getStyleClass().setAll("label", b ? "danger" : "success"));
        // the session's station: the commands the role allows and its history (the stations feature's, one per screen)
        VBox station = new VBox(6);
        station.setId("session-station-actions");
        String[] shownFor = {null};
        vm.selectedProperty().addListener((o, a, b) -> {
            String id = b == null ? null : b.session().stationId();
            if (java.util.Objects.equals(id, shownFor[0])) {
                return;
            }
            shownFor[0] = id;
            javafx.scene.Node controls = id == null ? null : stationActions.apply(id);
            station.getChildren().setAll(controls == null ? List.of() : List.of(controls));
        });
        VBox info = new VBox(8, stop, outcome, facts, station);
        info.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane infoScroll = new ScrollPane(info);
        infoScroll.setFitToWidth(true);
        infoScroll.setMinWidth(330);
        infoScroll.setPrefWidth(380);
        infoScroll.getStyleClass().add("edge-to-edge");

        // one chart at a time, as large as the pane allows; the buttons pick the measurand
        StackPane chartArea = new StackPane();
        javafx.scene.control.ToggleGroup which = new javafx.scene.control.ToggleGroup();
        // the buttons wrap to a second line rather than run past a narrow window's edge
        javafx.scene.layout.FlowPane picker = new javafx.scene.layout.FlowPane(4, 4);
        for (String key : List.of("power", "energy", "voltage", "current", "soc")) {
            LineChart<Number, Number> c = chart(key);
            c.setVisible(false);
            chartArea.getChildren().add(c);
            javafx.scene.control.ToggleButton b = new javafx.scene.control.ToggleButton(m.get("sessions.chart." + key));
            b.setId("chart-pick-" + key);
            b.setToggleGroup(which);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setUserData(c);
            picker.getChildren().add(b);
        }
        which.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one chart is always shown
                return;
            }
            chartArea.getChildren().forEach(n -> n.setVisible(n == b.getUserData()));
            shownChart = chartArea.getChildren().indexOf((javafx.scene.Node) b.getUserData());
            plot(lastPoints);
        });
        which.selectToggle(which.getToggles().get(0));
        VBox.setVgrow(chartArea, Priority.ALWAYS);
        VBox chartBox = new VBox(4, picker, chartArea);
        chartBox.setMinWidth(0);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        HBox content = new HBox(12, infoScroll, chartBox);
        body = new VBox(content);
        VBox.setVgrow(content, Priority.ALWAYS);

        vm.selectedProperty().addListener((o, a, b) -> showFacts(b));
        vm.selectedPointsProperty().addListener((o, a, b) -> plot(b));
        showFacts(vm.selectedProperty().get());
    }

    private LineChart<Number, Number> chart(String key) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        timeAxes.add(x);
        x.setLabel(m.get("sessions.chart.time"));
        x.setForceZeroInRange(false);
        // minutes since the session's start on the axis, read as clock time in Bishkek
        x.setTickLabelFormatter(new javafx.util.StringConverter<Number>() {
            @Override
            public String toString(Number minutes) {
                java.time.Instant at = java.time.Instant.ofEpochMilli(chartOrigin + Math.round(minutes.doubleValue() * 60_000));
                // ticks closer than a minute need the seconds, or every label reads the same
                return x.getTickUnit() < 1 ? f.time(at) : f.clock(at, at);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange("energy".equals(key) || "power".equals(key));
        // the values read as every number on screen does («12,5» in Russian and Kyrgyz)
        y.setTickLabelFormatter(new javafx.util.StringConverter<Number>() {
            @Override
            public String toString(Number v) {
                return f.decimal(java.math.BigDecimal.valueOf(v.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId("chart-" + key);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(false);
        c.getStyleClass().add("session-chart");
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        c.getData().add(s);
        series.add(s);
        return c;
    }

    private void showFacts(SessionRow r) {
        if (r == null) {
            setCenter(placeholder);
            return;
        }
        setCenter(body);
        ChargingSession s = r.session();
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "sessions.detail.session", s.id());
        row = fact(row, "sessions.detail.transaction", s.transactionId() == null ? m.get("sessions.detail.noTransaction")
                : s.transactionId().toString());
        row = fact(row, "sessions.detail.station", s.stationId() + (s.connectorId() == null ? "" : " · #" + s.connectorId()));
        row = fact(row, "sessions.col.location", s.locationName() == null ? "—" : s.locationName());
        row = fact(row, "sessions.col.client", f.maskedPhone(s.clientPhone()));
        row = fact(row, "sessions.detail.started", f.dateTime(s.startTime()));
        if (s.stopTime() != null) {
            row = fact(row, "sessions.detail.stopped", f.dateTime(s.stopTime()));
        }
        row = fact(row, "sessions.detail.limit", switch (s.limitType()) {
            case ENERGY -> m.format("sessions.limit.energy", f.decimal(s.limitValue()));
            case AMOUNT -> m.format("sessions.limit.amount", f.decimal(s.limitValue()));
            default -> m.get("sessions.limit.none");
        });
        row = fact(row, "sessions.col.reserve", m.format("sessions.unit.som", f.decimal(s.reserved())));
        row = fact(row, "sessions.detail.money", m.format("sessions.unit.som", f.decimal(r.cost())));
        row = fact(row, "sessions.detail.tariff", s.ratePerKwh() == null ? "—" : m.format("sessions.detail.rate", f.decimal(s.ratePerKwh())));
        row = fact(row, "sessions.col.energy", m.format("sessions.unit.kwh", f.decimal(s.energyKwh())));
        row = fact(row, "sessions.detail.lastSample", r.updatedAt() == null ? "—" : f.dateTime(r.updatedAt()));
        if (r.connectorState() != null) {
            row = fact(row, "sessions.detail.connector", r.connectorState());
        }
        fact(row, "sessions.detail.paid", f.yesNoUnknown(s.paymentProcessed()));
    }

    private int fact(int row, String key, String value) {
        Label k = new Label(m.get(key));
        k.getStyleClass().add("text-muted");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        facts.addRow(row, k, v);
        return row + 1;
    }

    /** The chart on screen (power, energy, voltage, current or SoC) against minutes since the start. */
    private void plot(MeterHistory.Points p) {
        lastPoints = p;
        for (int k = 0; k < series.size(); k++) {
            if (k != shownChart || p == null) {
                series.get(k).getData().clear(); // hidden charts hold nothing, and cost nothing while samples arrive
            }
        }
        if (p == null) {
            return;
        }
        SessionRow r = vm.selectedProperty().get();
        long origin = r != null && r.session().startTime() != null ? r.session().startTime().toEpochMilli()
                : p.size() > 0 ? p.epochMillis()[0] : 0;
        chartOrigin = origin;
        double[][] values = {p.powerKw(), p.energyKwh(), p.voltageV(), p.currentA(), p.socPercent()};
        int n = p.size();
        int step = Math.max(1, (int) Math.ceil(n / (double) MAX_POINTS));
        double[] shown = values[shownChart];
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(n / step + 1);
        for (int i = 0; i < n; i += step) {
            int j = i + step >= n ? n - 1 : i; // always end on the newest sample
            if (!Double.isNaN(shown[j])) {
                data.add(new XYChart.Data<>(Math.round((p.epochMillis()[j] - origin) / 600.0) / 100.0, shown[j]));
            }
        }
        series.get(shownChart).getData().setAll(data);
        if (!data.isEmpty()) {
            rangeTime(timeAxes.get(shownChart), data.get(0).getXValue().doubleValue(), data.get(data.size() - 1).getXValue().doubleValue());
        }
    }

    /** Steps of the time axis, in minutes: whole seconds at least, so no two ticks read the same clock time. */
    private static final double[] TIME_STEPS = {1 / 60.0, 2 / 60.0, 5 / 60.0, 10 / 60.0, 15 / 60.0, 30 / 60.0, 1, 2, 5, 10, 15, 30, 60, 120, 240};

    /** At most eight ticks over {@code [first, last]} minutes, on a step a clock reads well. */
    static void rangeTime(NumberAxis axis, double first, double last) {
        double span = Math.max(last - first, 1 / 60.0);
        double step = TIME_STEPS[TIME_STEPS.length - 1];
        for (double t : TIME_STEPS) {
            if (span / t <= 8) {
                step = t;
                break;
            }
        }
        double lower = Math.floor(first / step) * step;
        double upper = Math.max(Math.ceil(last / step) * step, lower + step);
        axis.setTickUnit(step);
        axis.setLowerBound(lower);
        axis.setUpperBound(upper);
    }

    /** Confirmation with a required reason; the stop itself runs in the view model. */
    private void confirmStop() {
        SessionRow r = vm.selectedProperty().get();
        if (r == null) {
            return;
        }
        ChargingSession s = r.session();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(getScene().getWindow());
        d.setTitle(m.get("sessions.stop.title"));
        d.setHeaderText(m.format("sessions.stop.header", s.stationId(), f.maskedPhone(s.clientPhone())));
        ButtonType ok = Controls.okCancel(d, m, m.get("sessions.stop.confirm"));
        Label what = new Label();
        what.setWrapText(true);
        // the figures go on while the dialog is open
        what.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            SessionRow now = vm.selectedProperty().get() != null && vm.selectedProperty().get().id().equals(s.id()) ? vm.selectedProperty().get() : r;
            return m.format("sessions.stop.what", f.decimal(now.session().energyKwh()), f.decimal(now.cost()), f.decimal(now.session().reserved()));
        }, vm.selectedProperty()));
        TextArea reason = new TextArea();
        reason.setId("session-stop-reason");
        reason.setPromptText(m.get("sessions.stop.reason.prompt"));
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        reason.setTextFormatter(new javafx.scene.control.TextFormatter<String>(c -> c.getControlNewText().length() <= 500 ? c : null));
        Label need = new Label(m.get("sessions.stop.reason.required"));
        need.getStyleClass().add("text-muted");
        VBox content = new VBox(8, what, new Label(m.get("sessions.stop.reason")), reason, need);
        content.setPrefWidth(460);
        content.setAlignment(Pos.TOP_LEFT);
        d.getDialogPane().setContent(content);
        // required, and said so on the field itself (ControlsFX validation decoration)
        org.controlsfx.validation.ValidationSupport valid = new org.controlsfx.validation.ValidationSupport();
        valid.registerValidator(reason, org.controlsfx.validation.Validator.createPredicateValidator(
                (String t) -> t != null && !t.isBlank(), m.get("sessions.stop.reason.required")));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> reason.getText().isBlank(), reason.textProperty()));
        d.setOnShown(e -> reason.requestFocus());
        d.showAndWait().filter(ok::equals).ifPresent(b -> vm.stop(s.id(), reason.getText()));
    }
}

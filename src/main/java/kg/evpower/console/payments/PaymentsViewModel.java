package kg.evpower.console.payments;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;

/**
 * The payment reconciliation screen's state, on the FX thread: the period (Bishkek days), the source, the loaded
 * statement, a run with its progress and cancel, the headline and the summary by class, the findings with their
 * filters, the selected finding's evidence, action and resolution history, resolving and reopening with a note, and
 * export. Every read, reconciliation and file write runs on {@code io}; results come back through {@code fx}.
 */
public final class PaymentsViewModel {

    /** Reads and reconciles one period; runs on {@code io}. {@code password} is for PostgreSQL (null otherwise). */
    public interface Runner {
        ReconciliationRun run(MoneySource.Kind source, Period period, List<StatementLine> statement, char[] password, MoneySource.Progress progress,
                java.util.function.BooleanSupplier cancelled);
    }

    /** A summary row: a class (null for all) with its count and sum. */
    public record ClassRow(FindingClass kind, String title, int count, BigDecimal sum) {
    }

    /** A findings row: the finding and whether it is resolved now. */
    public record FindingRow(Finding finding, String title, boolean resolved) {
    }

    private final Messages m;
    private final Formats formats;
    private final TaskExecutor tasks;
    private final Runner runner;
    private final ResolutionLog log;
    private final Supplier<String> who;
    private final Supplier<Instant> clock;

    private final ObjectProperty<LocalDate> fromDay = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toDay = new SimpleObjectProperty<>();
    private final ObjectProperty<MoneySource.Kind> source = new SimpleObjectProperty<>(MoneySource.Kind.API);
    private final ObjectProperty<List<StatementLine>> statement = new SimpleObjectProperty<>();
    private final StringProperty statementText;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final StringProperty headline = new SimpleStringProperty("");
    private final BooleanProperty headlineBad = new SimpleBooleanProperty();
    private final StringProperty totals = new SimpleStringProperty("");
    private final StringProperty warning = new SimpleStringProperty("");
    private final ObservableList<ClassRow> classes = FXCollections.observableArrayList();
    private final ObservableList<FindingRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FindingRow> shown = new FilteredList<>(rows);
    private final ObjectProperty<FindingClass> classFilter = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty showResolved = new SimpleBooleanProperty(true);
    private final BooleanProperty unexplainedOnly = new SimpleBooleanProperty(false);
    private final ObjectProperty<FindingRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> evidence = FXCollections.observableArrayList();
    private final StringProperty action = new SimpleStringProperty("");
    private final ObservableList<String> history = FXCollections.observableArrayList();

    private Report report;
    private final kg.evpower.console.fx.Freshness freshness = new kg.evpower.console.fx.Freshness();
    private String sourceName = "";
    private ResolutionLog.Loaded resolutions = ResolutionLog.Loaded.empty();
    private BackgroundTask.Handle runningTask;
    private final ObjectProperty<MappingRequest> mappingRequest = new SimpleObjectProperty<>();

    public PaymentsViewModel(Messages m, Formats formats, TaskExecutor tasks, Runner runner, ResolutionLog log, Supplier<String> who,
                             Supplier<Instant> clock) {
        this.m = m;
        this.formats = formats;
        this.tasks = tasks;
        this.runner = runner;
        this.log = log;
        this.who = who;
        this.clock = clock;
        this.statementText = new SimpleStringProperty(m.get("recon.statement.none"));
        LocalDate today = LocalDate.ofInstant(clock.get(), Period.BISHKEK);
        fromDay.set(today.withDayOfMonth(1));
        toDay.set(today);
        classFilter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
        showResolved.addListener((o, a, b) -> refilter());
        unexplainedOnly.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, b) -> detail());
        status.set(m.get("recon.findings.empty"));
    }

    // --- period presets

    public enum Preset {
        TODAY("today"), YESTERDAY("yesterday"), WEEK("week"), MONTH("month"), LAST_MONTH("lastMonth");

        /** Its label's message key. */
        public final String key;

        Preset(String name) {
            this.key = "recon.preset." + name;
        }
    }

    public void preset(Preset p) {
        LocalDate today = LocalDate.ofInstant(clock.get(), Period.BISHKEK);
        switch (p) {
            case TODAY -> range(today, today);
            case YESTERDAY -> range(today.minusDays(1), today.minusDays(1));
            case WEEK -> range(today.minusDays(6), today);
            case MONTH -> range(today.withDayOfMonth(1), today);
            case LAST_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                range(first, first.plusMonths(1).minusDays(1));
            }
        }
    }

    private void range(LocalDate a, LocalDate b) {
        fromDay.set(a);
        toDay.set(b);
    }

    // --- statement

    /**
     * A statement file was chosen: its header is read (off the FX thread) and the column-mapping step asked for
     * through {@link #mappingRequestProperty()}, pre-filled from {@code remembered} (the provider's last mapping) or
     * O!Dengi's own columns. A file that cannot be read changes nothing and says why.
     */
    public void statementChosen(Path file, StatementImport.Mapping remembered) {
        BackgroundTask.of(() -> {
            try {
                return StatementImport.header(file);
            } catch (StatementImport.Rejected e) {
                throw new IllegalStateException(e.problems().get(0).describe(m));
            }
        }).onSuccess(header -> mappingRequest.set(new MappingRequest(file, header, remembered != null ? remembered : StatementImport.Mapping.ODENGI)))
                .onFailure((text, e) -> {
                    failed.set(true);
                    status.set(m.format("recon.statement.rejected", 1) + "\n" + text);
                }).executeWith(tasks);
    }

    /** The column-mapping step the view should show now, or null. */
    public ObjectProperty<MappingRequest> mappingRequestProperty() {
        return mappingRequest;
    }

    /** The mapping step ended: with the operator's mapping (the file is read with it), or cancelled (null). */
    public void mappingChosen(MappingRequest request, StatementImport.Mapping mapping) {
        mappingRequest.set(null);
        if (mapping != null) {
            loadStatement(request.file(), mapping);
        }
    }

    /** Reads a statement file off the FX thread; a refused file changes nothing and explains why, line by line. */
    public void loadStatement(Path file, StatementImport.Mapping mapping) {
        BackgroundTask.of(() -> StatementImport.read(file, mapping)).onSuccess(lines -> {
            BigDecimal sum = lines.stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            statement.set(lines);
            statementText.set(m.format("recon.statement.loaded", file.getFileName(), lines.size(), formats.som(sum)));
            failed.set(false);
            status.set(statementText.get());
        }).onFailure((text, e) -> {
            failed.set(true);
            if (e instanceof StatementImport.Rejected r) {
                StringBuilder b = new StringBuilder(m.format("recon.statement.rejected", r.problems().size()));
                r.problems().stream().limit(8).forEach(p -> b.append("\n").append(p.describe(m)));
                status.set(b.toString());
            } else { // not foreseen: the details go to the log, the operator reads that something failed inside
                status.set(m.format("recon.statement.rejected", 1) + "\n" + text);
            }
        }).executeWith(tasks);
    }

    public void clearStatement() {
        statement.set(null);
        statementText.set(m.get("recon.statement.none"));
    }

    // --- run

    public boolean canRun() {
        return !running.get() && fromDay.get() != null && toDay.get() != null && !toDay.get().isBefore(fromDay.get());
    }

    /** Starts a run for the period; {@code password} only for PostgreSQL. */
    public void run(char[] password) {
        if (!canRun()) {
            return;
        }
        Period period = Period.days(fromDay.get(), toDay.get());
        MoneySource.Kind kind = source.get();
        List<StatementLine> lines = statement.get();
        running.set(true);
        failed.set(false);
        progress.set(-1);
        status.set(m.format("recon.progress.stage.topups", 0));
        long started = System.nanoTime();
        runningTask = BackgroundTask.withProgress(task -> {
            ReconciliationRun r = runner.run(kind, period, lines, password, (stage, n) -> task.update(m.format("recon.progress.stage." + stage, n),
                    switch (stage) {
                        case "topups" -> 0.1;
                        case "ledger" -> 0.4;
                        case "sessions" -> 0.7;
                        default -> 0.9;
                    }), task::cancelled);
            return new Finished(r, log.load());
        }).onProgress(step -> {
            if (running.get()) {
                status.set(step.text());
                progress.set(step.fraction());
            }
        }).onSuccess(f -> finished(f.run(), f.resolutions(), Duration.ofNanos(System.nanoTime() - started)))
                .onCancelled(() -> stopped(m.get("recon.progress.cancelled"), false))
                .onFailure((text, e) -> stopped(e instanceof Reconciler.Cancelled ? m.get("recon.progress.cancelled")
                        : m.format("recon.progress.failed", ErrorTexts.message(e)), !(e instanceof Reconciler.Cancelled)))
                .executeWith(tasks);
    }

    private record Finished(ReconciliationRun run, ResolutionLog.Loaded resolutions) {
    }

    public void cancel() {
        if (runningTask != null) {
            runningTask.cancel();
        }
    }

    private void stopped(String text, boolean error) {
        running.set(false);
        progress.set(0);
        status.set(text);
        failed.set(error);
        if (error && report != null) {
            freshness.lost("run", text); // the report shown is the last one that ran: the same banner as the live screens
        }
    }

    /** How current the report shown is: its time, and whether the last run failed while it stays on screen. */
    public kg.evpower.console.fx.Freshness freshness() {
        return freshness;
    }

    private void finished(ReconciliationRun r, ResolutionLog.Loaded loaded, Duration took) {
        running.set(false);
        progress.set(1);
        report = r.report();
        freshness.arrived(report.asOf() != null ? report.asOf() : clock.get());
        freshness.back("run");
        sourceName = r.sourceName();
        resolutions = loaded;
        String damaged = loaded.damagedLines().isEmpty() ? null : m.format("recon.audit.damaged", loaded.damagedLines().get(0));
        warning.set(String.join("\n", java.util.stream.Stream.of(r.warning(), damaged).filter(java.util.Objects::nonNull).toList()));
        rebuild();
        // last, so that "done" is said once everything it speaks of is on screen
        status.set(m.format("recon.progress.done", report.findings().size(), String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0),
                formats.dateTime(report.asOf())));
    }

    private void rebuild() {
        FindingRow keep = selected.get();
        List<FindingRow> all = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) {
            all.add(new FindingRow(f, m.format("recon.class." + f.kind().name()), resolutions.resolved(f)));
        }
        rows.setAll(all);
        List<ClassRow> summary = new ArrayList<>();
        BigDecimal total = report.total();
        summary.add(new ClassRow(null, m.get("recon.summary.all"), report.findings().size(), total));
        for (Report.ClassTotal t : report.byClass()) {
            summary.add(new ClassRow(t.kind(), m.format("recon.class." + t.kind().name()), t.count(), t.sum()));
        }
        classes.setAll(summary);
        long resolved = all.stream().filter(FindingRow::resolved).count();
        BigDecimal unexplained = report.unexplained();
        headlineBad.set(unexplained.signum() > 0);
        headline.set(report.findings().isEmpty() ? m.get("recon.headline.clean") : m.format("recon.headline.unexplained", formats.som(unexplained)));
        String t = report.findings().isEmpty() ? "" : m.format("recon.headline.total", report.findings().size(), formats.som(total), resolved);
        totals.set(report.withStatement() ? t : (t.isEmpty() ? "" : t + "\n") + m.get("recon.headline.noStatement"));
        refilter();
        if (keep != null) {
            all.stream().filter(x -> x.finding().equals(keep.finding())).findFirst().ifPresent(selected::set);
        }
        detail();
    }

    private void refilter() {
        FindingClass k = classFilter.get();
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        boolean resolvedToo = showResolved.get();
        boolean onlyUnexplained = unexplainedOnly.get();
        shown.setPredicate(r -> (k == null || r.finding().kind() == k) && (resolvedToo || !r.resolved())
                && (!onlyUnexplained || r.finding().kind().unexplained())
                && (q.isEmpty() || r.finding().subject().toLowerCase(Locale.ROOT).contains(q)
                        || r.finding().clientId() != null && r.finding().clientId().toLowerCase(Locale.ROOT).contains(q)));
    }

    private void detail() {
        FindingRow r = selected.get();
        if (r == null) {
            evidence.clear();
            action.set("");
            history.clear();
            return;
        }
        evidence.setAll(r.finding().evidence().stream().map(e -> e.text(m, formats::exact)).toList());
        action.set(m.format("recon.action." + r.finding().kind().name()));
        List<String> h = new ArrayList<>();
        for (ResolutionLog.Entry e : resolutions.of(r.finding())) {
            h.add(m.format("recon.detail.historyEntry", formats.dateTime(e.at()), m.get("recon.history." + e.action().name()
                    .toLowerCase(Locale.ROOT)), e.who(), e.note()));
        }
        history.setAll(h);
    }

    // --- resolutions

    /**
     * Marks the selected finding resolved (or reopens it) with a note, written to the audit trail first; a note is
     * required. A failure to write says why and changes nothing.
     */
    public void decide(ResolutionLog.Action a, String note) {
        FindingRow r = selected.get();
        if (r == null) {
            return;
        }
        if (note == null || note.isBlank()) {
            failed.set(true);
            status.set(m.get("recon.resolve.required"));
            return;
        }
        String by = who.get();
        Instant at = clock.get();
        BackgroundTask.of(() -> log.append(r.finding(), a, by, note, at)).onSuccess(e -> {
            resolutions = resolutions.with(e);
            rebuild();
        }).onFailure((text, e) -> {
            failed.set(true);
            status.set(ErrorTexts.message(e));
        }).executeWith(tasks);
    }

    // --- export

    /** Exports the report to {@code picked} (its extension added when missing), whole or not at all, and says where. */
    public void export(Path picked, ReportExport.Format format) {
        Report r = report;
        ResolutionLog.Loaded res = resolutions;
        String src = sourceName;
        if (r == null) {
            failed.set(true);
            status.set(m.format("recon.export.failed", m.get("recon.findings.empty")));
            return;
        }
        String ext = format.name().toLowerCase(Locale.ROOT);
        String name = picked.getFileName().toString();
        Path target = name.toLowerCase(Locale.ROOT).endsWith("." + ext) ? picked : picked.resolveSibling(name + "." + ext);
        BackgroundTask.run(() -> ReportExport.write(r, res, src, m, target)).onSuccess(v -> {
            failed.set(false);
            status.set(m.format("recon.export.done", target.toAbsolutePath()));
        }).onFailure((text, e) -> {
            failed.set(true);
            status.set(m.format("recon.export.failed", ErrorTexts.message(e)));
        }).executeWith(tasks);
    }

    public String suggestedName(ReportExport.Format f) {
        return report == null ? "reconciliation." + f.name().toLowerCase(Locale.ROOT) : ReportExport.suggestedName(report, f);
    }

    // --- properties

    public ObjectProperty<LocalDate> fromDayProperty() {
        return fromDay;
    }

    public ObjectProperty<LocalDate> toDayProperty() {
        return toDay;
    }

    public ObjectProperty<MoneySource.Kind> sourceProperty() {
        return source;
    }

    public ObjectProperty<List<StatementLine>> statementProperty() {
        return statement;
    }

    public StringProperty statementTextProperty() {
        return statementText;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    public BooleanProperty headlineBadProperty() {
        return headlineBad;
    }

    public StringProperty totalsProperty() {
        return totals;
    }

    public StringProperty warningProperty() {
        return warning;
    }

    public ObservableList<ClassRow> classes() {
        return classes;
    }

    public FilteredList<FindingRow> findings() {
        return shown;
    }

    public ObjectProperty<FindingClass> classFilterProperty() {
        return classFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty showResolvedProperty() {
        return showResolved;
    }

    public BooleanProperty unexplainedOnlyProperty() {
        return unexplainedOnly;
    }

    public ObjectProperty<FindingRow> selectedProperty() {
        return selected;
    }

    public ObservableList<String> evidence() {
        return evidence;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public ObservableList<String> history() {
        return history;
    }

    public Report report() {
        return report;
    }
}

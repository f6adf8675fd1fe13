package kg.evpower.console.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.BackgroundTask;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.TaskExecutor;
import kg.evpower.console.i18n.Messages;
import kg.evpower.figures.Figures;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport.Bucket;
import kg.evpower.figures.StatsReport.Group;
import kg.evpower.figures.StatsReport.Grouping;

/**
 * The statistics screen's state and decisions: which period (a day, week, month or year around a date, or any days,
 * all in Bishkek time), how to group and cut it, whose stations (support staff any owner or all; an owner and their
 * operators only the owner's), what the server or the database said, and that in words — the headline figures with
 * their change against the period before (the same stretch of it while a period still runs), whether the ledger
 * agrees, the top and bottom stations, utilisation, idle stations, the hour-of-week map — and the export of it all.
 * Every change of the question reads the figures again; an answer to an older question is dropped.
 */
public final class StatsViewModel {

    /** The kinds of period the screen offers. */
    public enum Period { DAY, WEEK, MONTH, YEAR, CUSTOM }

    /** A headline figure: what, its value, and how it changed against the period before (empty when not known). */
    public record Kpi(String id, String label, String value, String detail, String change, int trend, String before) {
    }

    /** One figure set against the previous period's, the previous one as 100. */
    public record Compared(String label, Double percentOfPrevious) {
    }

    /** The owner filter's "all owners" entry. */
    public static final StatsGateway.Owner ALL = new StatsGateway.Owner(null, null);
    /** The idle windows offered, days. */
    public static final List<Integer> IDLE_CHOICES = List.of(1, 3, 7, 14, 30, 60, 90);
    /** How many stations the top and bottom charts show. */
    public static final int TOP = 10;

    private final Messages m;
    private final Formats f;
    private final StatsGateway gateway;
    private final TaskExecutor tasks;
    private final UserAccount me;
    private final Supplier<Instant> clock;

    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(Period.MONTH);
    private final ObjectProperty<LocalDate> anchor = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>();
    private final ObjectProperty<Grouping> grouping = new SimpleObjectProperty<>(Grouping.STATION);
    private final ObjectProperty<Bucket> bucket = new SimpleObjectProperty<>(Bucket.DAY);
    private final ObjectProperty<StatsGateway.Owner> owner = new SimpleObjectProperty<>(ALL);
    private final IntegerProperty idleDays = new SimpleIntegerProperty(7);
    private final ObservableList<StatsGateway.Owner> owners = FXCollections.observableArrayList(ALL);

    private final ObjectProperty<Statistics> result = new SimpleObjectProperty<>();
    private final StringProperty periodText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringProperty ledgerNote = new SimpleStringProperty();
    private final BooleanProperty passwordNeeded = new SimpleBooleanProperty(false);
    private final ObservableList<Kpi> kpis = FXCollections.observableArrayList();

    private char[] password;
    private BackgroundTask.Handle running;
    private boolean quiet;
    private long asked;

    public StatsViewModel(Messages m, Formats f, StatsGateway gateway, TaskExecutor tasks, UserAccount me, Supplier<Instant> clock) {
        this.m = m;
        this.f = f;
        this.gateway = gateway;
        this.tasks = tasks;
        this.me = me;
        this.clock = clock;
        LocalDate today = today();
        anchor.set(today);
        customFrom.set(today.minusDays(29));
        customTo.set(today);
        period.addListener((o, a, b) -> {
            quietly(() -> bucket.set(defaultBucket()));
            reload();
        });
        for (ObjectProperty<?> p : List.of(anchor, customFrom, customTo, grouping, bucket, owner)) {
            p.addListener((o, a, b) -> {
                if (!java.util.Objects.equals(a, b)) { // a choice box hands back an equal value when its items change
                    reload();
                }
            });
        }
        idleDays.addListener((o, a, b) -> reload());
        passwordNeeded.set(gateway.needsPassword());
        periodText.set(describe());
    }

    private void quietly(Runnable r) {
        boolean was = quiet;
        quiet = true;
        try {
            r.run();
        } finally {
            quiet = was;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.get(), StatsQuery.BISHKEK);
    }

    // ---- the question ---------------------------------------------------------------------------------------------

    public boolean superadmin() {
        return me.role() == Role.SUPERADMIN;
    }

    /** Whose stations: the chosen owner for support staff, the owner's own for an owner and their operators. */
    String scopeOwner() {
        return switch (me.role()) {
            case SUPERADMIN -> owner.get() == null ? null : owner.get().id();
            case ADMIN -> me.userId();
            default -> me.adminId();
        };
    }

    /** The first and last Bishkek day of the period asked (the last included). */
    public LocalDate[] days() {
        LocalDate a = anchor.get() == null ? today() : anchor.get();
        return switch (period.get()) {
            case DAY -> new LocalDate[] {a, a};
            case WEEK -> new LocalDate[] {a.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                a.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))};
            case MONTH -> new LocalDate[] {a.withDayOfMonth(1), a.with(TemporalAdjusters.lastDayOfMonth())};
            case YEAR -> new LocalDate[] {a.withDayOfYear(1), a.with(TemporalAdjusters.lastDayOfYear())};
            case CUSTOM -> {
                LocalDate from = customFrom.get() == null ? a : customFrom.get();
                LocalDate to = customTo.get() == null ? from : customTo.get();
                yield to.isBefore(from) ? new LocalDate[] {to, from} : new LocalDate[] {from, to};
            }
        };
    }

    /** The query the screen asks now. */
    public StatsQuery query() {
        LocalDate[] d = days();
        StatsQuery q = StatsQuery.days(d[0], d[1], clock.get()).idle(idleDays.get());
        String o = scopeOwner();
        return o == null ? q : q.owner(o);
    }

    /** The bar length that suits the period: days for up to two months, weeks for up to a year and a bit, else months. */
    public Bucket defaultBucket() {
        return switch (period.get()) {
            case DAY, WEEK, MONTH -> Bucket.DAY;
            case YEAR -> Bucket.MONTH;
            case CUSTOM -> {
                LocalDate[] d = days();
                long n = ChronoUnit.DAYS.between(d[0], d[1]) + 1;
                yield n <= 62 ? Bucket.DAY : n <= 400 ? Bucket.WEEK : Bucket.MONTH;
            }
        };
    }

    /** One period back ({@code -1}) or on ({@code +1}): the anchor moves by a day, week, month or year; custom days by their length. */
    public void step(int direction) {
        LocalDate a = anchor.get() == null ? today() : anchor.get();
        switch (period.get()) {
            case DAY -> anchor.set(a.plusDays(direction));
            case WEEK -> anchor.set(a.plusWeeks(direction));
            case MONTH -> anchor.set(a.plusMonths(direction));
            case YEAR -> anchor.set(a.plusYears(direction));
            case CUSTOM -> {
                LocalDate[] d = days();
                long n = ChronoUnit.DAYS.between(d[0], d[1]) + 1;
                quietly(() -> customFrom.set(d[0].plusDays(direction * n)));
                customTo.set(d[1].plusDays(direction * n));
            }
        }
    }

    /** Whether stepping on would only show days still to come. */
    public boolean atPresent() {
        return !days()[1].isBefore(today());
    }

    /** Back to the period that holds today. */
    public void backToToday() {
        anchor.set(today());
    }

    /** The period in words: «ноябрь 2026», «1–7 декабря 2026», «2026», «07.12.2026». */
    public String describe() {
        LocalDate[] d = days();
        Locale l = m.locale();
        String text = switch (period.get()) {
            case DAY -> d[0].format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(l));
            case MONTH -> capitalise(d[0].format(DateTimeFormatter.ofPattern("LLLL yyyy", l)), l);
            case YEAR -> Integer.toString(d[0].getYear());
            default -> m.format("stats.period.range", d[0].format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l)),
                    d[1].format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l)));
        };
        return !d[1].isBefore(today()) && !d[0].isAfter(today()) ? m.format("stats.period.running", text) : text;
    }

    private static String capitalise(String s, Locale l) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(l) + s.substring(1);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** The database password for the PostgreSQL source (kept in memory for this sign-in only), then reads. */
    public void usePassword(char[] pw) {
        password = pw == null ? new char[0] : pw.clone();
        passwordNeeded.set(false);
        reload();
    }

    /** Reads the figures for the question as it stands; an older answer still on its way is dropped. */
    public void reload() {
        if (quiet) {
            return;
        }
        periodText.set(describe());
        if (passwordNeeded.get()) {
            status.set(m.get("stats.password.needed"));
            failed.set(false);
            return;
        }
        if (running != null) {
            running.cancel();
        }
        StatsQuery q;
        try {
            q = query();
        } catch (IllegalArgumentException e) {
            status.set(m.get("stats.period.invalid"));
            failed.set(true);
            return;
        }
        Grouping g = grouping.get();
        Bucket b = bucket.get();
        long ticket = ++asked;
        loading.set(true);
        failed.set(false);
        status.set(m.get("stats.loading"));
        long t0 = System.nanoTime();
        char[] pw = password;
        running = BackgroundTask.of(() -> gateway.read(q, g, b, pw))
                .onSuccess(s -> {
                    if (ticket == asked) {
                        show(s, (System.nanoTime() - t0) / 1_000_000);
                    }
                })
                .onFailure((text, e) -> {
                    if (ticket == asked) {
                        status.set(text);
                        failed.set(true);
                    }
                })
                .onFinished(() -> {
                    if (ticket == asked) {
                        loading.set(false);
                    }
                })
                .executeWith(tasks);
    }

    /** Support staff's owner filter: the owners are read once. */
    public void loadOwners() {
        if (!superadmin() || owners.size() > 1) {
            return;
        }
        BackgroundTask.of(gateway::owners).onSuccess(list -> {
            List<StatsGateway.Owner> all = new ArrayList<>();
            all.add(ALL);
            all.addAll(list);
            StatsGateway.Owner chosen = owner.get();
            owners.setAll(all);
            quietly(() -> owner.set(all.stream().filter(o -> java.util.Objects.equals(o.id(), chosen.id())).findFirst().orElse(ALL)));
        }).onFailure((text, e) -> { }).executeWith(tasks);
    }

    void show(Statistics s, long millis) {
        result.set(s);
        kpis.setAll(kpis(s));
        Figures t = s.total();
        ledgerNote.set(t.ledgerAgrees() ? null : m.format("stats.ledger.disagrees", t.ledgerDisagreements(), f.som(t.revenue()),
                f.som(t.ledgerRevenue())));
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(m.locale());
        StatsQuery before = new StatsQuery(s.from(), s.to(), null, null, null, s.idleDays(), s.asOf()).previous();
        status.set(m.format("stats.status", gateway.source(), f.dateTime(s.asOf()), millis,
                day.format(LocalDate.ofInstant(before.from(), StatsQuery.BISHKEK)),
                day.format(LocalDate.ofInstant(before.to().minusSeconds(1), StatsQuery.BISHKEK))));
        failed.set(false);
    }

    private List<Kpi> kpis(Statistics s) {
        Figures t = s.total();
        Figures p = s.previous();
        List<Kpi> out = new ArrayList<>();
        out.add(new Kpi("sessions", m.get("stats.kpi.sessions"), f.exact(BigDecimal.valueOf(t.sessions())),
                m.format("stats.kpi.sessions.detail", t.ended(), t.failed(), t.running()), change(t.sessions(), p.sessions()),
                trend(t.sessions(), p.sessions()), before(f.exact(BigDecimal.valueOf(p.sessions())))));
        out.add(new Kpi("energy", m.get("stats.kpi.energy"), m.format("stats.kwh", f.decimal(t.energyKwh())), "",
                change(t.energyKwh().doubleValue(), p.energyKwh().doubleValue()), trend(t.energyKwh().doubleValue(), p.energyKwh().doubleValue()),
                before(m.format("stats.kwh", f.decimal(p.energyKwh())))));
        out.add(new Kpi("revenue", m.get("stats.kpi.revenue"), m.format("stats.som", f.som(t.revenue())),
                t.ledgerAgrees() ? m.get("stats.kpi.revenue.agrees") : m.get("stats.kpi.revenue.disagrees"),
                change(t.revenue().doubleValue(), p.revenue().doubleValue()), trend(t.revenue().doubleValue(), p.revenue().doubleValue()),
                before(m.format("stats.som", f.som(p.revenue())))));
        out.add(new Kpi("average", m.get("stats.kpi.average"), t.averageRevenue() == null ? "—" : m.format("stats.som", f.som(t.averageRevenue())),
                t.averageKwh() == null ? "" : m.format("stats.average", f.decimal(t.averageKwh()), Math.round(t.averageMinutes())),
                p.averageRevenue() == null || t.averageRevenue() == null ? ""
                        : change(t.averageRevenue().doubleValue(), p.averageRevenue().doubleValue()),
                p.averageRevenue() == null || t.averageRevenue() == null ? 0
                        : trend(t.averageRevenue().doubleValue(), p.averageRevenue().doubleValue()),
                p.averageRevenue() == null ? "" : before(m.format("stats.som", f.som(p.averageRevenue())))));
        out.add(new Kpi("utilisation", m.get("stats.kpi.utilisation"), percent(t.occupiedShare()),
                m.format("stats.kpi.utilisation.detail", percent(t.chargingShare())), "", 0, ""));
        out.add(new Kpi("idle", m.get("stats.kpi.idle"), f.exact(BigDecimal.valueOf(s.idle().size())),
                m.format("stats.kpi.idle.detail", s.idleDays()), "", 0, ""));
        return out;
    }

    private String before(String value) {
        return m.format("stats.change.before", value);
    }

    /** "+12,5 %" against the period before; "new" when it had none; empty when neither had any. */
    String change(double now, double before) {
        if (before == 0) {
            return now == 0 ? "" : m.get("stats.change.new");
        }
        BigDecimal pct = percentChange(now, before);
        if (pct.signum() == 0) {
            return m.get("stats.change.same");
        }
        return m.format(pct.signum() > 0 ? "stats.change.up" : "stats.change.down", f.decimal(pct.abs()));
    }

    /** The change to a tenth of a per cent; zero when both are zero or it rounds to nothing. */
    private static BigDecimal percentChange(double now, double before) {
        return before == 0 ? BigDecimal.valueOf(Double.compare(now, 0))
                : BigDecimal.valueOf((now - before) / before * 100).setScale(1, RoundingMode.HALF_UP);
    }

    /** Up (1), down (-1) or the same as far as the change is shown (0). */
    private static int trend(double now, double before) {
        return percentChange(now, before).signum();
    }

    /** A share as "12,3 %"; "—" when not known. */
    public String percent(Double share) {
        return share == null ? "—" : m.format("stats.percent", f.decimal(BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP)));
    }

    // ---- what the charts and tables show -------------------------------------------------------------------------------

    /** The stations that earned most, most first. */
    public List<Group> top() {
        Statistics s = result.get();
        return s == null ? List.of() : s.stations().stream().sorted(byRevenue().reversed()).limit(TOP).toList();
    }

    /** The stations that earned least among those that had a session (the idle ones have their own list), least first. */
    public List<Group> bottom() {
        Statistics s = result.get();
        return s == null ? List.of() : s.stations().stream().filter(g -> g.figures().sessions() > 0).sorted(byRevenue()).limit(TOP).toList();
    }

    private static Comparator<Group> byRevenue() {
        return Comparator.comparing((Group g) -> g.figures().revenue()).thenComparing(g -> g.figures().sessions())
                .thenComparing(Group::key, Comparator.reverseOrder());
    }

    /** The stations by the share of connector time in a session, busiest first. */
    public List<Group> busiest(int n) {
        Statistics s = result.get();
        return s == null ? List.of() : s.stations().stream()
                .sorted(Comparator.comparing((Group g) -> g.figures().occupiedShare() == null ? 0 : g.figures().occupiedShare()).reversed()
                        .thenComparing(Group::key))
                .limit(n).toList();
    }

    /** This period's sessions, energy and revenue as a share of the previous period's (100 = the same). */
    public List<Compared> compared() {
        Statistics s = result.get();
        if (s == null) {
            return List.of();
        }
        Figures t = s.total();
        Figures p = s.previous();
        return List.of(new Compared(m.get("stats.kpi.sessions"), ratio(t.sessions(), p.sessions())),
                new Compared(m.get("stats.kpi.energy"), ratio(t.energyKwh().doubleValue(), p.energyKwh().doubleValue())),
                new Compared(m.get("stats.kpi.revenue"), ratio(t.revenue().doubleValue(), p.revenue().doubleValue())));
    }

    private static Double ratio(double now, double before) {
        return before == 0 ? null : now / before * 100;
    }

    /** A group's name as the screen shows it: owners and locations by name, the network and unknown ones in words. */
    public String label(Grouping g, Group x) {
        return StatsExport.label(m, g, x);
    }

    // ---- export ---------------------------------------------------------------------------------------------------

    /** A file name for the export: {@code statistics-2026-11-01--2026-11-30.xlsx}. */
    public String suggestedName(StatsExport.Format format) {
        LocalDate[] d = days();
        return "statistics-" + d[0] + "--" + d[1] + "." + format.name().toLowerCase(Locale.ROOT);
    }

    /** Writes what is on screen to {@code out}; the status line says how it went. */
    public void export(Path out, StatsExport.Format format) {
        Statistics s = result.get();
        if (s == null) {
            return;
        }
        List<String[]> header = header(s);
        BackgroundTask.run(() -> StatsExport.write(s, header, format, m, out))
                .onSuccess(x -> {
                    status.set(m.format("stats.export.done", out.getFileName()));
                    failed.set(false);
                })
                .onFailure((text, e) -> {
                    status.set(m.format("stats.export.failed", out.getFileName(), text));
                    failed.set(true);
                }).executeWith(tasks);
    }

    /** The period and the filters, as the file's first lines say them. */
    List<String[]> header(Statistics s) {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {m.get("stats.export.period"), periodText.get()});
        h.add(new String[] {m.get("stats.export.bishkek"), f.dateTime(s.from()) + " — " + f.dateTime(s.to())});
        h.add(new String[] {m.get("stats.export.previous"), f.dateTime(s.previousFrom()) + " — " + f.dateTime(s.from())});
        String o = s.ownerId() == null ? m.get("stats.owner.all")
                : owners.stream().filter(x -> s.ownerId().equals(x.id())).map(StatsGateway.Owner::name).findFirst().orElse(s.ownerId());
        h.add(new String[] {m.get("stats.export.owner"), o});
        h.add(new String[] {m.get("stats.export.grouping"), m.get("stats.grouping." + s.grouping().name().toLowerCase(Locale.ROOT))});
        h.add(new String[] {m.get("stats.export.bucket"), m.get("stats.bucket." + s.bucket().name().toLowerCase(Locale.ROOT))});
        h.add(new String[] {m.get("stats.export.idle"), Integer.toString(s.idleDays())});
        h.add(new String[] {m.get("stats.export.source"), gateway.source()});
        h.add(new String[] {m.get("stats.export.asOf"), f.dateTime(s.asOf())});
        return h;
    }

    // ---- properties -----------------------------------------------------------------------------------------------

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    public ObjectProperty<LocalDate> anchorProperty() {
        return anchor;
    }

    public ObjectProperty<LocalDate> customFromProperty() {
        return customFrom;
    }

    public ObjectProperty<LocalDate> customToProperty() {
        return customTo;
    }

    public ObjectProperty<Grouping> groupingProperty() {
        return grouping;
    }

    public ObjectProperty<Bucket> bucketProperty() {
        return bucket;
    }

    public ObjectProperty<StatsGateway.Owner> ownerProperty() {
        return owner;
    }

    public ObservableList<StatsGateway.Owner> owners() {
        return owners;
    }

    public IntegerProperty idleDaysProperty() {
        return idleDays;
    }

    public ReadOnlyObjectProperty<Statistics> resultProperty() {
        return result;
    }

    public ReadOnlyStringProperty periodTextProperty() {
        return periodText;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyStringProperty ledgerNoteProperty() {
        return ledgerNote;
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded;
    }

    public ObservableList<Kpi> kpis() {
        return kpis;
    }

    public String source() {
        return gateway.source();
    }
}

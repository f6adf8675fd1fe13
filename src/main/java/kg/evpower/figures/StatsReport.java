package kg.evpower.figures;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of a query rolled up the ways people ask for them: the whole scope, by owner, location, station,
 * connector type or AC/DC; bars per day, week, month or year (Bishkek calendar); sessions per hour of the week; the
 * stations without a session lately. Built from {@link StatsEngine.Data} alone, so every source rolls up the same way.
 */
public final class StatsReport {

    /** How the rows of the table are grouped. */
    public enum Grouping { NETWORK, OWNER, LOCATION, STATION, CONNECTOR_TYPE, CURRENT }

    /** How long one bar is. */
    public enum Bucket { DAY, WEEK, MONTH, YEAR }

    /** One row of a grouping: its key (an id, a type), what to call it, its figures, and how many stations and connectors it has. */
    public record Group(String key, String label, Figures figures, int stations, int connectors) {
    }

    /** One bar: the Bishkek days [start, end) and the sessions started in them. */
    public record Bar(LocalDate start, LocalDate end, long sessions, long ended, long failed, BigDecimal energyKwh, BigDecimal revenue) {
    }

    /** A station without a session started in the idle window. */
    public record Idle(String stationId, String locationName, String ownerName) {
    }

    public static final String AC = "AC";
    public static final String DC = "DC";
    /** The key of sessions and connectors of no known type (a session that never had an OCPP transaction). */
    public static final String UNKNOWN = "";

    private final StatsEngine.Data data;
    private final Map<String, StatsEngine.StationInfo> stations = new LinkedHashMap<>();
    private final Map<StatsEngine.Cell, StatsEngine.ConnectorInfo> connectors = new HashMap<>();
    /** An owner's and a location's name: the first of their stations (in id order) that carries one. */
    private final Map<String, String> ownerNames = new HashMap<>();
    private final Map<String, String> locationNames = new HashMap<>();

    public StatsReport(StatsEngine.Data data) {
        this.data = data;
        data.stations().forEach(s -> {
            stations.put(s.id(), s);
            if (s.ownerName() != null) {
                ownerNames.putIfAbsent(nullToEmpty(s.ownerId()), s.ownerName());
            }
            if (s.locationName() != null) {
                locationNames.putIfAbsent(nullToEmpty(s.locationId()), s.locationName());
            }
        });
        data.connectors().forEach(c -> connectors.put(new StatsEngine.Cell(c.stationId(), c.number()), c));
    }

    public StatsQuery query() {
        return data.query();
    }

    public List<StatsEngine.StationInfo> stations() {
        return List.copyOf(stations.values());
    }

    /** The whole scope's figures. */
    public Figures total() {
        return groups(Grouping.NETWORK).stream().map(Group::figures).reduce(Figures.ZERO, Figures::plus);
    }

    /** The period before (sessions, money and time of ended sessions; no ledger or connector time). */
    public Figures previous() {
        return data.previous();
    }

    /**
     * The figures per group, the biggest revenue first (then by label). Connector time offered counts each
     * connector of the group from its station's creation (or the period's start) to the period's end (or now).
     */
    public List<Group> groups(Grouping g) {
        Function<StatsEngine.Cell, String> key = keyOf(g);
        Map<String, Figures> figures = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> stationsOf = new HashMap<>();
        Map<String, Integer> connectorsOf = new HashMap<>();
        for (StatsEngine.ConnectorInfo c : data.connectors()) {
            StatsEngine.Cell cell = new StatsEngine.Cell(c.stationId(), c.number());
            String k = key.apply(cell);
            figures.merge(k, Figures.ZERO.withCapacity(capacity(c.stationId())), Figures::plus);
            stationsOf.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(c.stationId());
            connectorsOf.merge(k, 1, Integer::sum);
        }
        // stations with no connector listed still belong to their group
        if (g != Grouping.CONNECTOR_TYPE && g != Grouping.CURRENT) {
            for (StatsEngine.StationInfo s : stations.values()) {
                String k = key.apply(new StatsEngine.Cell(s.id(), 0));
                figures.putIfAbsent(k, Figures.ZERO);
                stationsOf.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(s.id());
            }
        }
        data.cells().forEach((cell, f) -> {
            if (stations.containsKey(cell.stationId())) {
                String k = key.apply(cell);
                figures.merge(k, f, Figures::plus);
                stationsOf.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(cell.stationId());
            }
        });
        List<Group> out = new ArrayList<>();
        figures.forEach((k, f) -> out.add(new Group(k, label(g, k), f, stationsOf.getOrDefault(k, java.util.Set.of()).size(),
                connectorsOf.getOrDefault(k, 0))));
        out.sort(Comparator.comparing((Group x) -> x.figures().revenue()).reversed().thenComparing(Group::label));
        return out;
    }

    private Function<StatsEngine.Cell, String> keyOf(Grouping g) {
        return switch (g) {
            case NETWORK -> c -> "network";
            case OWNER -> c -> nullToEmpty(station(c).ownerId());
            case LOCATION -> c -> nullToEmpty(station(c).locationId());
            case STATION -> StatsEngine.Cell::stationId;
            case CONNECTOR_TYPE -> c -> {
                StatsEngine.ConnectorInfo k = connectors.get(c);
                return k == null || k.type() == null ? UNKNOWN : k.type();
            };
            case CURRENT -> c -> current(connectors.get(c));
        };
    }

    private StatsEngine.StationInfo station(StatsEngine.Cell c) {
        StatsEngine.StationInfo s = stations.get(c.stationId());
        return s != null ? s : new StatsEngine.StationInfo(c.stationId(), null, null, null, null, null, null, null, null);
    }

    private String label(Grouping g, String key) {
        return switch (g) {
            case OWNER -> ownerNames.getOrDefault(key, key);
            case LOCATION -> locationNames.getOrDefault(key, key);
            default -> key;
        };
    }

    /**
     * AC or DC by the connector's type: Type 1 and Type 2 sockets are AC, CCS and CHAdeMO DC; GB/T is DC above 22 kW
     * (the AC variant stops there). Unknown connectors are {@link #UNKNOWN}.
     */
    public static String current(StatsEngine.ConnectorInfo c) {
        if (c == null || c.type() == null) {
            return UNKNOWN;
        }
        String t = c.type().toUpperCase(Locale.ROOT).replace(" ", "");
        if (t.startsWith("TYPE1") || t.startsWith("TYPE2") || t.equals("J1772") || t.equals("MENNEKES")) {
            return AC;
        }
        if (t.startsWith("CCS") || t.startsWith("CHADEMO")) {
            return DC;
        }
        if (t.startsWith("GB")) {
            return c.powerKw() != null && c.powerKw().compareTo(new BigDecimal("22")) > 0 ? DC : AC;
        }
        return UNKNOWN;
    }

    /** Connector-seconds one connector of {@code stationId} offered in the period. */
    private double capacity(String stationId) {
        StatsEngine.StationInfo s = stations.get(stationId);
        Instant from = data.query().from();
        if (s != null && s.createdAt() != null && s.createdAt().isAfter(from)) {
            from = s.createdAt();
        }
        Instant end = data.query().end();
        return end.isAfter(from) ? end.getEpochSecond() - from.getEpochSecond() : 0;
    }

    /** Bars from the period's first Bishkek day to its last, empty ones included; weeks start on Monday. */
    public List<Bar> series(Bucket b) {
        LocalDate first = data.query().from().atZone(StatsQuery.BISHKEK).toLocalDate();
        LocalDate last = data.query().to().minusNanos(1).atZone(StatsQuery.BISHKEK).toLocalDate();
        Map<LocalDate, Bar> bars = new LinkedHashMap<>();
        for (LocalDate d = start(b, first); !d.isAfter(last); d = next(b, d)) {
            bars.put(d, new Bar(d, next(b, d), 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO));
        }
        for (StatsEngine.Hour h : data.hours()) {
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(h.hour(), 24));
            LocalDate k = start(b, day);
            Bar x = bars.get(k);
            if (x != null) {
                bars.put(k, new Bar(x.start(), x.end(), x.sessions() + h.sessions(), x.ended() + h.ended(), x.failed() + h.failed(),
                        x.energyKwh().add(h.energyKwh()), x.revenue().add(h.revenue())));
            }
        }
        return new ArrayList<>(bars.values());
    }

    private static LocalDate start(Bucket b, LocalDate d) {
        return switch (b) {
            case DAY -> d;
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1);
            case YEAR -> d.withDayOfYear(1);
        };
    }

    private static LocalDate next(Bucket b, LocalDate d) {
        return switch (b) {
            case DAY -> d.plusDays(1);
            case WEEK -> d.plusWeeks(1);
            case MONTH -> d.plusMonths(1);
            case YEAR -> d.plusYears(1);
        };
    }

    /** Sessions started per hour of the week, Bishkek time: [0] is Monday, [0][0] the hour from midnight. */
    public long[][] heat() {
        long[][] out = new long[7][24];
        for (StatsEngine.Hour h : data.hours()) {
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(h.hour(), 24));
            out[day.getDayOfWeek().getValue() - 1][(int) Math.floorMod(h.hour(), 24)] += h.sessions();
        }
        return out;
    }

    /** The stations in scope, active in the system, without a session started in the last idle days of the period. */
    public List<Idle> idle() {
        List<Idle> out = new ArrayList<>();
        for (StatsEngine.StationInfo s : stations.values()) {
            if ("active".equals(s.status()) && !data.activeRecently().contains(s.id())) {
                out.add(new Idle(s.id(), s.locationName(), s.ownerName()));
            }
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

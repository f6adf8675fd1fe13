package kg.evpower.figures;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistics read from EvPower's own tables — {@code stations}, {@code locations}, {@code users}, {@code connectors},
 * {@code charging_sessions}, {@code ocpp_transactions}, {@code payment_transactions_odengi} — with SQL that runs
 * unchanged on the sandbox's H2 and on production's PostgreSQL, so the operator API and the console's read-only
 * PostgreSQL source give the same figures by one definition ({@link Figures}). Everything is aggregated in the
 * database; what comes back is one row per station and connector, one per hour of the period, and the stations'
 * and connectors' names. Times are compared as instants; hours are counted in Bishkek time (UTC+6, no DST).
 */
public final class StatsEngine {

    /** Seconds Bishkek is ahead of UTC. */
    static final long BISHKEK_OFFSET = 6 * 3600;
    static final String CHARGES = "('charge_reserve', 'charge_refund', 'charge_payment')";

    /** A station in scope: its place and owner. */
    public record StationInfo(String id, String model, String locationId, String locationName, String city, String ownerId, String ownerName,
                              String status, Instant createdAt) {
    }

    /** A connector of a station in scope. */
    public record ConnectorInfo(String stationId, int number, String type, BigDecimal powerKw) {
    }

    /** A station's connector; {@code connector} 0 for sessions that never had an OCPP transaction (no connector known). */
    public record Cell(String stationId, int connector) {
    }

    /** Sessions started in one hour of the period (Bishkek), {@code hour} counted from the epoch. */
    public record Hour(long hour, long sessions, long ended, long failed, BigDecimal energyKwh, BigDecimal revenue) {
    }

    /** What the database said for a query. */
    public record Data(StatsQuery query, List<StationInfo> stations, List<ConnectorInfo> connectors, Map<Cell, Figures> cells,
                       List<Hour> hours, Figures previous, Set<String> activeRecently) {
    }

    private StatsEngine() {
    }

    /** Reads the figures of {@code q}; the connection is only read. */
    public static Data read(Connection c, StatsQuery q) throws SQLException {
        Scope scope = new Scope(q);
        List<StationInfo> stations = stations(c, scope);
        List<ConnectorInfo> connectors = connectors(c, scope);
        Map<Cell, Figures> cells = sessions(c, q, scope);
        charging(c, q, scope, cells);
        List<Hour> hours = hours(c, q, scope);
        Figures previous = totals(c, q.previous(), scope);
        Set<String> active = active(c, q, scope);
        return new Data(q, stations, connectors, cells, hours, previous, active);
    }

    /**
     * The stations in scope as a WHERE on {@code st} (stations), with its parameters. Sessions and transactions are
     * read {@code LEFT JOIN stations st} with {@code st.id IS NOT NULL} here — an inner join by meaning — so that H2,
     * which keeps an outer join's order, walks the period's rows by their time index and looks each station up by
     * its key, instead of walking every session of every station; PostgreSQL plans both forms alike.
     */
    record Scope(String where, List<Object> params) {
        Scope(StatsQuery q) {
            this(where(q), params(q));
        }

        private static String where(StatsQuery q) {
            StringBuilder w = new StringBuilder("st.id IS NOT NULL");
            if (q.ownerId() != null) {
                w.append(" AND CAST(st.user_id AS VARCHAR(255)) = ?");
            }
            if (q.locationId() != null) {
                w.append(" AND CAST(st.location_id AS VARCHAR(255)) = ?");
            }
            if (q.stationId() != null) {
                w.append(" AND st.id = ?");
            }
            return w.toString();
        }

        private static List<Object> params(StatsQuery q) {
            List<Object> p = new ArrayList<>();
            for (String s : new String[] {q.ownerId(), q.locationId(), q.stationId()}) {
                if (s != null) {
                    p.add(s);
                }
            }
            return p;
        }
    }

    static List<StationInfo> stations(Connection c, Scope scope) throws SQLException {
        String sql = "SELECT st.id, st.model, CAST(st.location_id AS VARCHAR(255)), l.name, l.city, CAST(st.user_id AS VARCHAR(255)),"
                + " COALESCE(u.email, u.phone), st.status, st.created_at"
                + " FROM stations st LEFT JOIN locations l ON l.id = st.location_id LEFT JOIN users u ON u.id = st.user_id"
                + " WHERE " + scope.where() + " ORDER BY st.id";
        List<StationInfo> out = new ArrayList<>();
        query(c, sql, scope.params(), rs -> out.add(new StationInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9))));
        return out;
    }

    static List<ConnectorInfo> connectors(Connection c, Scope scope) throws SQLException {
        String sql = "SELECT k.station_id, k.connector_number, k.connector_type, k.power_kw FROM connectors k JOIN stations st ON st.id = k.station_id"
                + " WHERE " + scope.where() + " ORDER BY k.station_id, k.connector_number";
        List<ConnectorInfo> out = new ArrayList<>();
        query(c, sql, scope.params(), rs -> out.add(new ConnectorInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBigDecimal(4))));
        return out;
    }

    /**
     * Per station and connector: the sessions started in the period with what became of them, their money as the
     * sessions and the ledger say, and the connector time every session (also one started up to
     * {@link StatsQuery#LONGEST_SESSION} before) spent inside the period.
     */
    private static Map<Cell, Figures> sessions(Connection c, StatsQuery q, Scope scope) throws SQLException {
        long fromE = q.from().getEpochSecond();
        long endE = q.end().getEpochSecond();
        // one row per session: its connector (the first of its transactions) and its ledger net, each aggregated once
        // over the rows that can belong to the period's sessions and joined by session (PostgreSQL hashes them; a
        // lookup per session through the index would wander the whole table)
        String perSession = "SELECT s.station_id sid, s.status sst, s.energy sen, s.amount sam, s.start_time sstart,"
                + " CASE WHEN s.status = 'started' THEN COALESCE(s.stop_time, ?) ELSE s.stop_time END sstop, tx.cid cid, led.net net"
                + " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " LEFT JOIN (SELECT t.charging_session_id tsid, MIN(t.connector_id) cid FROM ocpp_transactions t"
                + " WHERE t.start_timestamp >= ? AND t.start_timestamp < ? AND t.charging_session_id IS NOT NULL"
                + " GROUP BY t.charging_session_id) tx ON tx.tsid = s.id"
                + " LEFT JOIN (SELECT l.charging_session_id lsid, SUM(l.amount) net FROM payment_transactions_odengi l"
                + " WHERE l.created_at >= ? AND l.charging_session_id IS NOT NULL AND l.transaction_type IN " + CHARGES
                + " GROUP BY l.charging_session_id) led ON led.lsid = s.id"
                + " WHERE s.start_time >= ? AND s.start_time < ? AND " + scope.where();
        String inPeriod = "x.sstart >= ?";
        String ended = "(" + inPeriod + " AND x.sst = 'stopped')";
        String overlap = "GREATEST(0, LEAST(EXTRACT(EPOCH FROM x.sstop), ?) - GREATEST(EXTRACT(EPOCH FROM x.sstart), ?))";
        String sql = "SELECT x.sid, COALESCE(x.cid, 0),"
                + " SUM(CASE WHEN " + inPeriod + " THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + inPeriod + " AND x.sst = 'error' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + inPeriod + " AND x.sst = 'started' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " THEN COALESCE(x.sen, 0) ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " THEN COALESCE(x.sam, 0) ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " AND x.sstop IS NOT NULL THEN EXTRACT(EPOCH FROM x.sstop) - EXTRACT(EPOCH FROM x.sstart) ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " THEN -COALESCE(x.net, 0) ELSE 0 END),"
                + " SUM(CASE WHEN " + ended + " AND ABS(COALESCE(x.net, 0) + COALESCE(x.sam, 0)) >= 0.005 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN x.sst <> 'error' AND x.sstop IS NOT NULL THEN " + overlap + " ELSE 0 END)"
                + " FROM (" + perSession + ") x GROUP BY x.sid, COALESCE(x.cid, 0)";
        // the placeholders in the order they stand in the text: nine "started in the period", the overlap's bounds, the rows'
        List<Object> all = new ArrayList<>(java.util.Collections.nCopies(9, q.from()));
        all.add(endE);
        all.add(fromE);
        all.add(q.asOf());
        Instant sessionsFrom = q.from().minus(StatsQuery.LONGEST_SESSION);
        // a session's transaction starts seconds after it; its ledger rows from its start on (refunds may come much later)
        all.add(sessionsFrom);
        all.add(q.to().plus(java.time.Duration.ofDays(1)));
        all.add(sessionsFrom);
        all.add(sessionsFrom);
        all.add(q.to());
        all.addAll(scope.params());
        Map<Cell, Figures> out = new HashMap<>();
        query(c, sql, all, rs -> out.put(new Cell(rs.getString(1), rs.getInt(2)), new Figures(rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), nz(rs.getBigDecimal(7)), nz(rs.getBigDecimal(8)), rs.getBigDecimal(9) == null ? 0 : rs.getBigDecimal(9).longValue(),
                nz(rs.getBigDecimal(10)), rs.getLong(11), rs.getBigDecimal(12) == null ? 0 : rs.getBigDecimal(12).doubleValue(), 0, 0)));
        return out;
    }

    /** Adds to each cell the connector time its OCPP transactions spent inside the period. */
    private static void charging(Connection c, StatsQuery q, Scope scope, Map<Cell, Figures> cells) throws SQLException {
        String sql = "SELECT t.station_id, t.connector_id,"
                + " SUM(GREATEST(0, LEAST(EXTRACT(EPOCH FROM COALESCE(t.stop_timestamp, ?)), ?) - GREATEST(EXTRACT(EPOCH FROM t.start_timestamp), ?)))"
                + " FROM ocpp_transactions t LEFT JOIN stations st ON st.id = t.station_id"
                + " WHERE t.start_timestamp >= ? AND t.start_timestamp < ? AND t.connector_id IS NOT NULL AND " + scope.where()
                + " GROUP BY t.station_id, t.connector_id";
        List<Object> p = new ArrayList<>(List.of(q.asOf(), q.end().getEpochSecond(), q.from().getEpochSecond(),
                q.from().minus(StatsQuery.LONGEST_SESSION), q.to()));
        p.addAll(scope.params());
        query(c, sql, p, rs -> {
            Cell k = new Cell(rs.getString(1), rs.getInt(2));
            double s = rs.getBigDecimal(3) == null ? 0 : rs.getBigDecimal(3).doubleValue();
            Figures f = cells.getOrDefault(k, Figures.ZERO);
            cells.put(k, new Figures(f.sessions(), f.ended(), f.failed(), f.running(), f.energyKwh(), f.revenue(), f.durationSeconds(),
                    f.ledgerRevenue(), f.ledgerDisagreements(), f.occupiedSeconds(), f.chargingSeconds() + s, f.capacitySeconds()));
        });
    }

    /** Sessions started per hour of the period, Bishkek time: the day, week, month bars and the hour-of-week map come from them. */
    private static List<Hour> hours(Connection c, StatsQuery q, Scope scope) throws SQLException {
        String hour = "FLOOR((EXTRACT(EPOCH FROM s.start_time) + " + BISHKEK_OFFSET + ") / 3600)";
        String sql = "SELECT " + hour + " h, COUNT(*),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'error' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN COALESCE(s.energy, 0) ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN COALESCE(s.amount, 0) ELSE 0 END)"
                + " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " WHERE s.start_time >= ? AND s.start_time < ? AND " + scope.where() + " GROUP BY " + hour + " ORDER BY 1";
        List<Object> p = new ArrayList<>(List.of(q.from(), q.to()));
        p.addAll(scope.params());
        List<Hour> out = new ArrayList<>();
        query(c, sql, p, rs -> out.add(new Hour(rs.getBigDecimal(1).longValue(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                nz(rs.getBigDecimal(5)), nz(rs.getBigDecimal(6)))));
        return out;
    }

    /** The period's totals without the ledger and the connector time: for the period before, to compare with. */
    private static Figures totals(Connection c, StatsQuery q, Scope scope) throws SQLException {
        String sql = "SELECT COUNT(*),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'error' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'started' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN COALESCE(s.energy, 0) ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'stopped' THEN COALESCE(s.amount, 0) ELSE 0 END),"
                + " SUM(CASE WHEN s.status = 'stopped' AND s.stop_time IS NOT NULL THEN EXTRACT(EPOCH FROM s.stop_time) - EXTRACT(EPOCH FROM s.start_time) ELSE 0 END)"
                + " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " WHERE s.start_time >= ? AND s.start_time < ? AND " + scope.where();
        List<Object> p = new ArrayList<>(List.of(q.from(), q.to()));
        p.addAll(scope.params());
        Figures[] out = {Figures.ZERO};
        query(c, sql, p, rs -> out[0] = new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), nz(rs.getBigDecimal(5)),
                nz(rs.getBigDecimal(6)), rs.getBigDecimal(7) == null ? 0 : rs.getBigDecimal(7).longValue(), BigDecimal.ZERO, 0, 0, 0, 0));
        return out[0];
    }

    /** The stations in scope that had a session start in the idle window before the period's end. */
    private static Set<String> active(Connection c, StatsQuery q, Scope scope) throws SQLException {
        String sql = "SELECT DISTINCT s.station_id FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " WHERE s.start_time >= ? AND s.start_time < ? AND " + scope.where();
        List<Object> p = new ArrayList<>(List.of(q.end().minus(java.time.Duration.ofDays(q.idleDays())), q.end()));
        p.addAll(scope.params());
        Set<String> out = new HashSet<>();
        query(c, sql, p, rs -> out.add(rs.getString(1)));
        return out;
    }

    // ---- JDBC -----------------------------------------------------------------------------------------------------

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, List<Object> params, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof Instant t) {
                    ps.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
                } else if (v instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(col, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}

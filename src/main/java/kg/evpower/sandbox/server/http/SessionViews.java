package kg.evpower.sandbox.server.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.store.Database;

/**
 * Sessions as the operator API shows them (listing and WebSocket snapshot): the session, its station, location and
 * owner, the connector from its OCPP transaction, the client, the money and the latest meter sample.
 */
public final class SessionViews {

    private final Database db;

    public SessionViews(Database db) {
        this.db = db;
    }

    /** A page of sessions, with the count, energy and money of every session the filter matched (not only the page). */
    public record Page(long total, List<Map<String, Object>> sessions, BigDecimal energyKwh, BigDecimal amount) {
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : Wire.iso(t.toInstant());
    }

    /**
     * Sessions newest first; every filter may be null; {@code scope} is the owner whose stations count; from/to bound the
     * start time, stoppedFrom/stoppedTo the stop time.
     */
    public Page page(String scope, String status, String station, Instant from, Instant to, Instant stoppedFrom, Instant stoppedTo,
                     int limit, int offset) {
        Where where = new Where().and("s.status = ?", status).and("COALESCE(st.user_id, l.user_id) = ?", scope)
                .and("s.station_id = ?", station).and("s.start_time >= ?", from).and("s.start_time < ?", to)
                .and("s.stop_time >= ?", stoppedFrom).and("s.stop_time < ?", stoppedTo);
        return query(" WHERE 1 = 1" + where.sql(), where.args(), limit, offset);
    }

    /** One session by id, or null. */
    public Map<String, Object> one(String sessionId) {
        List<Map<String, Object>> rows = query(" WHERE s.id = ?", List.of(sessionId), 1, 0).sessions();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Page query(String where, List<Object> args, int limit, int offset) {
        String joins = " FROM charging_sessions s LEFT JOIN stations st ON st.id = s.station_id"
                + " LEFT JOIN locations l ON l.id = st.location_id LEFT JOIN clients c ON c.id = s.user_id"
                + " LEFT JOIN ocpp_transactions t ON t.id = (SELECT MAX(t2.id) FROM ocpp_transactions t2 WHERE t2.charging_session_id = s.id)";
        Page sums = db.queryOne("SELECT COUNT(*), COALESCE(SUM(s.energy), 0), COALESCE(SUM(s.amount), 0)" + joins + where,
                rs -> new Page(rs.getLong(1), List.of(), rs.getBigDecimal(2), rs.getBigDecimal(3)), args.toArray()).orElseThrow();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<Long> txKeys = new ArrayList<>();
        db.query("SELECT s.id, s.status, s.station_id, l.id, l.name, COALESCE(st.user_id, l.user_id), t.connector_id, s.user_id, c.phone,"
                + " s.start_time, s.stop_time, s.limit_type, s.limit_value, s.reserved_amount, s.amount, s.energy, s.payment_processed,"
                + " t.id, t.transaction_id, st.price_per_kwh" + joins + where + " ORDER BY s.start_time DESC, s.id LIMIT ? OFFSET ?", rs -> {
                    Long txKey = rs.getObject(18) == null ? null : rs.getLong(18);
                    if (txKey != null) {
                        txKeys.add(txKey);
                    }
                    BigDecimal price = rs.getBigDecimal(20) != null && rs.getBigDecimal(20).signum() > 0 ? rs.getBigDecimal(20)
                            : ChargingService.DEFAULT_RATE;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("status", rs.getString(2));
                    m.put("station_id", rs.getString(3));
                    m.put("location_id", rs.getString(4));
                    m.put("location_name", rs.getString(5));
                    m.put("owner_user_id", rs.getString(6));
                    m.put("connector_id", rs.getObject(7) == null ? null : rs.getInt(7));
                    m.put("client_id", rs.getString(8));
                    m.put("client_phone", rs.getString(9));
                    m.put("start_time", iso(rs.getObject(10, OffsetDateTime.class)));
                    m.put("stop_time", iso(rs.getObject(11, OffsetDateTime.class)));
                    m.put("limit_type", rs.getString(12));
                    m.put("limit_value", Wire.num(rs.getBigDecimal(13)));
                    m.put("reserved_amount", Wire.num(rs.getBigDecimal(14)));
                    m.put("amount", Wire.num(rs.getBigDecimal(15)));
                    m.put("energy_kwh", Wire.num(rs.getBigDecimal(16)));
                    m.put("payment_processed", rs.getBoolean(17));
                    m.put("ocpp_transaction_id", txKey);
                    m.put("transaction_id", rs.getObject(19) == null ? null : rs.getInt(19));
                    m.put("rate_per_kwh", price.doubleValue());
                    m.put("meter", null);
                    sessions.add(m);
                    return null;
                }, pageArgs.toArray());
        Map<Long, Map<String, Object>> meters = latestMeters(txKeys);
        for (Map<String, Object> m : sessions) {
            Object key = m.get("ocpp_transaction_id");
            if (key != null) {
                m.put("meter", meters.get((Long) key));
            }
        }
        return new Page(sums.total(), sessions, sums.energyKwh(), sums.amount());
    }

    /** The newest meter sample of each transaction, in chunks so a large snapshot stays within the driver's limits. */
    private Map<Long, Map<String, Object>> latestMeters(List<Long> txKeys) {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (int i = 0; i < txKeys.size(); i += 500) {
            List<Long> chunk = txKeys.subList(i, Math.min(txKeys.size(), i + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            db.query("SELECT m.ocpp_transaction_id, m.timestamp, m.energy_active_import_register, m.power_active_import, m.current_import,"
                    + " m.voltage, m.soc FROM ocpp_meter_values m WHERE m.id IN (SELECT MAX(id) FROM ocpp_meter_values"
                    + " WHERE ocpp_transaction_id IN (" + marks + ") GROUP BY ocpp_transaction_id)", rs -> {
                        out.put(rs.getLong(1), meter(rs.getObject(2, OffsetDateTime.class) == null ? null
                                : rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBigDecimal(3), rs.getBigDecimal(4),
                                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                        return null;
                    }, chunk.toArray());
        }
        return out;
    }

    /** One meter sample as the operator API shows it. */
    public static Map<String, Object> meter(Instant at, BigDecimal wh, BigDecimal w, BigDecimal a, BigDecimal v, BigDecimal soc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", Wire.iso(at));
        m.put("energy_wh", Wire.num(wh));
        m.put("power_w", Wire.num(w));
        m.put("current_a", Wire.num(a));
        m.put("voltage_v", Wire.num(v));
        m.put("soc", soc == null ? null : soc.intValue());
        return m;
    }
}

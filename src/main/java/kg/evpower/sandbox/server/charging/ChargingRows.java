package kg.evpower.sandbox.server.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import kg.evpower.sandbox.server.store.Database;

/** The rows {@link ChargingService} reads and writes beside a session: ledger entries, energy at stop, stations, samples. */
final class ChargingRows {

    private ChargingRows() {
    }

    /** What a session's start and stop read of a station. */
    record StationRow(String id, String status, boolean available, Instant heartbeat, BigDecimal price,
                              BigDecimal fee) {
    }

    static void ledger(Connection c, String clientId, String type, BigDecimal amount, BigDecimal before, BigDecimal after,
                               String sessionId, String description, Instant now) throws SQLException {
        Database.update(c, "INSERT INTO payment_transactions_odengi (client_id, transaction_type, amount, balance_before, balance_after,"
                + " charging_session_id, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                clientId, type, amount, before, after, sessionId, description, now);
    }

    /** Energy at stop: the session's, else the latest meter value over the start, else the transaction's stop, else 0. */
    static BigDecimal energyOf(Connection c, String sessionId, BigDecimal sessionEnergy) throws SQLException {
        if (sessionEnergy != null && sessionEnergy.signum() > 0) {
            return sessionEnergy;
        }
        List<Object[]> tx = Database.query(c, "SELECT id, meter_start, meter_stop FROM ocpp_transactions WHERE charging_session_id = ?"
                + " ORDER BY id DESC LIMIT 1", rs -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)}, sessionId);
        if (tx.isEmpty() || tx.get(0)[1] == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal start = (BigDecimal) tx.get(0)[1];
        List<BigDecimal> latest = Database.query(c, "SELECT energy_active_import_register FROM ocpp_meter_values WHERE ocpp_transaction_id = ?"
                + " AND energy_active_import_register IS NOT NULL ORDER BY timestamp DESC, id DESC LIMIT 1", rs -> rs.getBigDecimal(1), tx.get(0)[0]);
        if (!latest.isEmpty()) {
            return latest.get(0).subtract(start).divide(BigDecimal.valueOf(1000), 4, RoundingMode.HALF_UP).max(BigDecimal.ZERO);
        }
        if (tx.get(0)[2] != null) {
            return ((BigDecimal) tx.get(0)[2]).subtract(start).divide(BigDecimal.valueOf(1000), 4, RoundingMode.HALF_UP).max(BigDecimal.ZERO);
        }
        return BigDecimal.ZERO;
    }

    static Optional<StationRow> station(Connection c, String id) throws SQLException {
        List<StationRow> rows = Database.query(c, "SELECT id, status, is_available, last_heartbeat_at, price_per_kwh, session_fee"
                + " FROM stations WHERE id = ?", rs -> new StationRow(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getObject(4, OffsetDateTime.class) == null ? null : rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getBigDecimal(5), rs.getBigDecimal(6)), id);
        return rows.stream().findFirst();
    }

    /** At reservation: the station's own rate and fee when it has a rate, else the default (contract §6.5). */
    static ChargingService.Pricing pricing(StationRow st) {
        if (st.price() != null && st.price().signum() > 0) {
            return new ChargingService.Pricing(st.price(), st.fee() == null ? BigDecimal.ZERO : st.fee());
        }
        return new ChargingService.Pricing(ChargingService.DEFAULT_RATE, BigDecimal.ZERO);
    }

    static void appendSample(StringBuilder b, String measurand, BigDecimal value, String unit) {
        if (value == null) {
            return;
        }
        if (b.length() > 1) {
            b.append(',');
        }
        b.append("{\"measurand\":\"").append(measurand).append("\",\"value\":\"").append(value.toPlainString())
                .append("\",\"unit\":\"").append(unit).append("\",\"context\":\"Sample.Periodic\",\"format\":\"Raw\"")
                .append(",\"location\":\"Outlet\"}");
    }
}

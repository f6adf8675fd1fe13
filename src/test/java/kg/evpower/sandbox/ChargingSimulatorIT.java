package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kg.evpower.sandbox.world.drivers.ChargingSimulator;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * Simulated drivers and cars against the sandbox's database, at 3,600× speed (an hour a second): sessions start
 * through the v1 start, stations answer with transactions and meter values, and every session ends one of
 * production's ways, its money on the books as production leaves it.
 */
class ChargingSimulatorIT {

    @Test
    void driversStartChargeAndEndSessionsTheWaysProductionDoes() throws Exception {
        try (SandboxServer server = Sandboxes.start(Sandboxes.quiet())) {
            SandboxServer ctx = server;
            Database db = ctx.db();
            ChargingSimulator sim = new ChargingSimulator(db, ctx.charging(),
                    (id, connector, status) -> ctx.events().statusNotification(id, connector, status, null, null),
                    ctx.presence()::isOnline, Instant::now, 7, 3600, null);
            List<String[]> free = db.query("SELECT s.id, c.connector_number FROM stations s JOIN connectors c ON c.station_id = s.id"
                    + " WHERE s.status = 'active' AND s.is_available AND c.status = 'available' ORDER BY s.id, c.connector_number LIMIT 120",
                    rs -> new String[] {rs.getString(1), String.valueOf(rs.getInt(2))});
            // one station drops off the network before its driver arrives: the session hangs until the 10-min auto-stop
            String offline = free.get(0)[0];
            ctx.events().disconnect(offline);
            Set<String> sessions = new HashSet<>();
            Set<String> used = new HashSet<>();
            for (String[] f : free) {
                if (used.add(f[0])) { // one car per station: a v1 stop frees every connector of its station
                    sim.arrive(f[0], Integer.parseInt(f[1])).ifPresent(sessions::add);
                }
            }
            assertTrue(sessions.size() >= 10, "sessions started: " + sessions.size() + ", refused " + sim.refused());
            String offlineSession = db.queryOne("SELECT id FROM charging_sessions WHERE station_id = ? AND status = 'started'",
                    rs -> rs.getString(1), offline).orElseThrow();

            long deadline = System.nanoTime() + 20_000_000_000L; // 12 simulated hours take 12 s
            while (sim.activeCars() > 0 && System.nanoTime() < deadline) {
                sim.tick();
                Thread.sleep(20);
            }
            assertEquals(0, sim.activeCars(), "every session ended");

            // every session stopped, with a reserve row; stations answered with transactions and meter values
            for (String id : sessions) {
                assertEquals("stopped", db.queryOne("SELECT status FROM charging_sessions WHERE id = ?", rs -> rs.getString(1), id).orElseThrow());
                assertEquals(1L, db.queryOne("SELECT COUNT(*) FROM payment_transactions_odengi WHERE charging_session_id = ?"
                        + " AND transaction_type = 'charge_reserve'", rs -> rs.getLong(1), id).orElseThrow(), "reserve row of " + id);
            }
            List<String> reasons = db.query("SELECT DISTINCT stop_reason FROM ocpp_transactions WHERE charging_session_id IS NOT NULL",
                    rs -> rs.getString(1));
            assertTrue(reasons.size() >= 2, "sessions ended in more than one way: " + reasons);
            long samples = db.queryOne("SELECT COUNT(*) FROM ocpp_meter_values", rs -> rs.getLong(1)).orElseThrow();
            long silent = db.queryOne("SELECT COUNT(*) FROM ocpp_transactions t WHERE t.charging_session_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM ocpp_meter_values m WHERE m.ocpp_transaction_id = t.id)", rs -> rs.getLong(1)).orElseThrow();
            assertEquals(0L, silent, "every transaction sent meter values (" + samples + " in all)");
            // registers only grow within a transaction; power, voltage, current and SoC are plausible (the first sample
            // of a transaction has no power yet); and the cars really charged
            assertTrue(db.queryOne("SELECT COUNT(*) FROM ocpp_meter_values WHERE power_active_import > 1000", rs -> rs.getLong(1))
                    .orElseThrow() > sessions.size(), "samples with power");
            List<Object[]> mv = db.query("SELECT ocpp_transaction_id, energy_active_import_register, power_active_import, voltage,"
                    + " current_import, soc FROM ocpp_meter_values ORDER BY ocpp_transaction_id, id", rs -> new Object[] {rs.getLong(1),
                        rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)});
            long lastTx = -1;
            BigDecimal lastWh = BigDecimal.ZERO;
            for (Object[] m : mv) {
                if ((long) m[0] == lastTx) {
                    assertTrue(((BigDecimal) m[1]).compareTo(lastWh) >= 0, "register goes backwards in transaction " + lastTx);
                }
                lastTx = (long) m[0];
                lastWh = (BigDecimal) m[1];
                assertTrue(((BigDecimal) m[2]).doubleValue() >= 0 && ((BigDecimal) m[2]).doubleValue() < 400_000, "power W " + m[2]);
                assertTrue(((BigDecimal) m[3]).doubleValue() >= 200 && ((BigDecimal) m[3]).doubleValue() <= 450, "voltage " + m[3]);
                assertTrue(((BigDecimal) m[4]).doubleValue() >= 0, "current " + m[4]);
                assertTrue(((BigDecimal) m[5]).doubleValue() >= 0 && ((BigDecimal) m[5]).doubleValue() <= 100, "SoC " + m[5]);
            }

            // the offline station's session: no transaction, auto-stopped, the whole reserve back as charge_refund
            assertEquals(0L, db.queryOne("SELECT COUNT(*) FROM ocpp_transactions WHERE charging_session_id = ?", rs -> rs.getLong(1),
                    offlineSession).orElseThrow());
            Map<String, BigDecimal> rows = new java.util.HashMap<>();
            db.query("SELECT transaction_type, amount FROM payment_transactions_odengi WHERE charging_session_id = ?",
                    rs -> rows.put(rs.getString(1), rs.getBigDecimal(2)), offlineSession);
            assertEquals(0, rows.get("charge_reserve").negate().compareTo(rows.get("charge_refund")), rows.toString());

            // and the connectors are free again
            List<String> busy = new ArrayList<>();
            for (String station : used) {
                busy.addAll(db.query("SELECT station_id || '#' || connector_number FROM connectors WHERE station_id = ? AND status <> 'available'",
                        rs -> rs.getString(1), station));
            }
            assertEquals(List.of(), busy);
            System.out.printf("simulated %d sessions, %d meter values, stop reasons %s%n", sessions.size(), samples, reasons);
        }
    }
}

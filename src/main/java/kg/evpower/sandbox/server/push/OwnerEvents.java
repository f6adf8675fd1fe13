package kg.evpower.sandbox.server.push;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import kg.evpower.sandbox.server.charging.ChargingService;
import kg.evpower.sandbox.server.charging.SessionListener;
import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.server.store.Database;

/**
 * The owner pushes production sends (contract §8.3) through the same sender as everything else: {@code new_session}
 * on a client's start, {@code session_completed} on a client's own stop (no other stop sends one), {@code station_offline}
 * when the 2-minute job marks a station unavailable. The owner is the user of the station's location.
 */
public final class OwnerEvents implements SessionListener {

    private final Database db;
    private final PushService push;

    public OwnerEvents(Database db, PushService push) {
        this.db = db;
        this.push = push;
    }

    private String owner(String stationId) {
        return db.queryOne("SELECT l.user_id FROM stations s JOIN locations l ON l.id = s.location_id WHERE s.id = ?", rs -> rs.getString(1),
                stationId).orElse(null);
    }

    private static String som(BigDecimal v) {
        return v == null ? "0.00" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @Override
    public void clientStarted(ChargingService.Started s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "new_session");
        data.put("session_id", s.sessionId());
        data.put("station_id", s.stationId());
        data.put("location_id", null);
        push.notifyOwner(owner(s.stationId()), PushService.payload("Новая сессия зарядки", "Станция " + s.stationId()
                + ", коннектор " + s.connectorId(), data, "session-" + s.sessionId(), false));
    }

    @Override
    public void clientStopped(ChargingService.Stopped s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "session_completed");
        data.put("session_id", s.sessionId());
        data.put("energy_kwh", s.energyKwh());
        data.put("amount", s.actualCost());
        push.notifyOwner(owner(s.stationId()), PushService.payload("Зарядка завершена", "Станция " + s.stationId() + ": "
                + som(s.energyKwh()) + " кВт⋅ч, доход " + som(s.actualCost()) + " сом", data, "session-" + s.sessionId(), false));
    }

    public void stationOffline(StationEvents.Offline o) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "station_offline");
        data.put("station_id", o.stationId());
        data.put("offline_since", o.since() == null ? null : o.since().toString());
        push.notifyOwner(owner(o.stationId()), PushService.payload("Станция не на связи", "Станция " + (o.serial() == null ? o.stationId()
                : o.serial()) + " не выходит на связь", data, "offline-" + o.stationId(), true));
    }
}

package kg.evpower.sandbox.world.stations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import kg.evpower.sandbox.server.stations.ChargePoints;
import kg.evpower.sandbox.server.stations.StationEvents;
import kg.evpower.sandbox.server.store.Database;
import kg.evpower.sandbox.world.drivers.ChargingSimulator;

/**
 * The simulated chargers' firmware for the commands an operator sends (OCPP 1.6J): each answers after a short while
 * on the simulation's thread, as its model answers, and what follows happens through the same paths real stations
 * take — StatusNotification, StopTransaction (money settled as production settles it), disconnect, BootNotification.
 * <ul>
 *   <li><b>Reset</b>: Soft ends every running transaction (reason SoftReset) and reboots a few seconds later; Hard drops
 *       the link at once and, once booted, sends StopTransaction (reason HardReset) for each transaction it had —
 *       production's BootNotification cleanup ends the sessions that had none. A wallbox model rejects Hard.</li>
 *   <li><b>UnlockConnector</b>: AC sockets (Type2) have a motor lock and answer Unlocked, freeing a connector held in
 *       Preparing, Finishing or SuspendedEV and ending a transaction (reason UnlockCommand); tethered DC connectors answer
 *       NotSupported; a connector faulted with ConnectorLockFailure answers UnlockFailed.</li>
 *   <li><b>ChangeAvailability</b>: Inoperative makes the connector (0: every one) Unavailable, or Scheduled while a car
 *       charges there, applied when it leaves; Operative makes it Available again.</li>
 *   <li><b>TriggerMessage</b>: the message is sent; models without diagnostics say NotImplemented for its status
 *       notifications; MeterValues on a connector without a transaction is Rejected.</li>
 *   <li><b>GetConfiguration / ChangeConfiguration</b>: a per-model key set with read-only keys and keys that need a
 *       reboot (RebootRequired); unknown keys are NotSupported. <b>ClearCache</b>: Accepted, Rejected by one maker.</li>
 * </ul>
 * A few stations, picked by the seed, never answer (the command then times out); the sandbox's controls can make any
 * station silent or answer again.
 */
public final class ChargePointSimulator implements ChargePoints {

    private record Key(String value, boolean readonly, boolean rebootRequired) {
    }

    private final Database db;
    private final NetworkSimulator sim;
    private final StationEvents events;
    private final Random rnd;
    private final long seed;
    private final Map<String, Boolean> silence = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Key>> configuration = new HashMap<>();

    public ChargePointSimulator(Database db, NetworkSimulator sim, StationEvents events, long seed) {
        this.db = db;
        this.sim = sim;
        this.events = events;
        this.seed = seed;
        this.rnd = new Random(seed ^ 0xC0FFEE);
    }

    /** Whether the station leaves commands unanswered: a few picked by the seed, or as the sandbox's controls set. */
    public boolean silent(String stationId) {
        return silence.getOrDefault(stationId, Math.floorMod(stationId.hashCode() ^ (int) seed, 40) == 7);
    }

    public void setSilent(String stationId, boolean silent) {
        silence.put(stationId, silent);
    }

    @Override
    public CompletableFuture<Map<String, Object>> send(String stationId, String action, Map<String, Object> payload) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        if (silent(stationId)) {
            return answer;
        }
        Duration latency;
        synchronized (rnd) {
            latency = Duration.ofMillis(80 + rnd.nextInt(400));
        }
        sim.schedule(latency, () -> {
            try {
                answer.complete(handle(stationId, action, payload));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static Map<String, Object> status(String s) {
        return Map.of("status", s);
    }

    private String model(String stationId) {
        return db.queryOne("SELECT model FROM stations WHERE id = ?", rs -> rs.getString(1), stationId).orElse("");
    }

    private Map<String, Object> handle(String stationId, String action, Map<String, Object> p) {
        String model = model(stationId);
        return switch (action) {
            case "Reset" -> reset(stationId, model, "Hard".equals(p.get("type")));
            case "UnlockConnector" -> status(unlock(stationId, ((Number) p.get("connectorId")).intValue()));
            case "ChangeAvailability" -> status(availability(stationId, ((Number) p.get("connectorId")).intValue(),
                    "Operative".equals(p.get("type"))));
            case "TriggerMessage" -> status(trigger(stationId, model, (String) p.get("requestedMessage"),
                    p.get("connectorId") == null ? null : ((Number) p.get("connectorId")).intValue()));
            case "GetConfiguration" -> getConfiguration(stationId, model, p.get("keys"));
            case "ChangeConfiguration" -> status(changeConfiguration(stationId, model, (String) p.get("key"), String.valueOf(p.get("value"))));
            case "ClearCache" -> status(model.startsWith("TCDZ") ? "Rejected" : "Accepted");
            // production's own stop (v1 stop, its limit monitor, an operator gateway's admin stop) over Redis
            case "RemoteStopTransaction" -> status(remoteStop(stationId, p.get("transaction_id")));
            default -> status("NotImplemented");
        };
    }

    private String remoteStop(String stationId, Object transactionId) {
        ChargingSimulator drivers = sim.drivers();
        if (drivers == null || !(transactionId instanceof Number n)) {
            return "Rejected";
        }
        return drivers.stopRemotely(stationId, n.intValue()) ? "Accepted" : "Rejected";
    }

    private Map<String, Object> reset(String stationId, String model, boolean hard) {
        if (hard && model.equals("MaxiCharger AC Wallbox")) {
            return status("Rejected");
        }
        Duration down = Duration.ofMillis(3000 + rnd.nextInt(3000));
        ChargingSimulator drivers = sim.drivers();
        sim.schedule(Duration.ofMillis(300), () -> {
            if (hard) {
                Runnable stops = drivers == null ? null : drivers.loseForHardReset(stationId);
                sim.reboot(stationId, down, stops);
            } else {
                if (drivers != null) {
                    for (int n : sim.connectorNumbers(stationId)) {
                        drivers.stopByStation(stationId, n, "SoftReset");
                    }
                }
                sim.reboot(stationId, down, null);
            }
        });
        return status("Accepted");
    }

    private String unlock(String stationId, int n) {
        List<String[]> c = db.query("SELECT connector_type, error_code FROM connectors WHERE station_id = ? AND connector_number = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, stationId, n);
        if (c.isEmpty()) {
            return "UnlockFailed";
        }
        if (!"Type2".equals(c.get(0)[0])) {
            return "NotSupported"; // a tethered DC cable has no motor lock on the station's side
        }
        if ("ConnectorLockFailure".equals(c.get(0)[1])) {
            return "UnlockFailed";
        }
        ChargingSimulator drivers = sim.drivers();
        if (drivers != null && drivers.stopByStation(stationId, n, "UnlockCommand")) {
            return "Unlocked";
        }
        String now = sim.statusOf(stationId, n);
        if (Set.of("Preparing", "Finishing", "SuspendedEV", "SuspendedEVSE", "Charging").contains(now)) {
            sim.report(stationId, n, "Available");
        }
        return "Unlocked";
    }

    private String availability(String stationId, int n, boolean operative) {
        List<Integer> which = n == 0 ? sim.connectorNumbers(stationId) : List.of(n);
        String answer = "Accepted";
        for (int c : which) {
            if ("Scheduled".equals(sim.availability(stationId, c, operative))) {
                answer = "Scheduled";
            }
        }
        return answer;
    }

    private String trigger(String stationId, String model, String message, Integer connector) {
        boolean noDiagnostics = model.equals("MaxiCharger AC Wallbox") || model.equals("C6");
        switch (message) {
            case "BootNotification" -> events.boot(stationId);
            case "Heartbeat" -> events.heartbeat(stationId);
            case "StatusNotification" -> {
                for (int n : connector == null ? sim.connectorNumbers(stationId) : List.of(connector)) {
                    String st = sim.statusOf(stationId, n);
                    boolean car = "Car".equals(st);
                    ChargingSimulator drivers = sim.drivers();
                    events.statusNotification(stationId, n, car ? (drivers != null && drivers.charging(stationId, n) ? "Charging" : "Preparing")
                            : st == null ? "Available" : st, null, null);
                }
            }
            case "MeterValues" -> {
                ChargingSimulator drivers = sim.drivers();
                boolean sent = false;
                for (int n : connector == null ? sim.connectorNumbers(stationId) : List.of(connector)) {
                    sent |= drivers != null && drivers.sampleNow(stationId, n);
                }
                return sent ? "Accepted" : "Rejected";
            }
            case "DiagnosticsStatusNotification", "FirmwareStatusNotification" -> {
                return noDiagnostics ? "NotImplemented" : "Accepted";
            }
            default -> {
                return "NotImplemented";
            }
        }
        return "Accepted";
    }

    /** The station's keys, made from its model on first use and changed by ChangeConfiguration. */
    private Map<String, Key> keys(String stationId, String model) {
        return configuration.computeIfAbsent(stationId, id -> {
            Map<String, Key> k = new LinkedHashMap<>();
            k.put("HeartbeatInterval", new Key("300", false, false));
            k.put("MeterValueSampleInterval", new Key("60", false, false));
            k.put("ConnectionTimeOut", new Key("60", false, false));
            k.put("NumberOfConnectors", new Key(String.valueOf(sim.connectorNumbers(stationId).size()), true, false));
            k.put("SupportedFeatureProfiles", new Key("Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger", true, false));
            k.put("LocalAuthorizeOffline", new Key("true", false, false));
            k.put("AuthorizeRemoteTxRequests", new Key("false", false, false));
            k.put("StopTransactionOnEVSideDisconnect", new Key("true", false, false));
            k.put("UnlockConnectorOnEVSideDisconnect", new Key("true", false, false));
            k.put("MeterValuesSampledData", new Key("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC", false, false));
            k.put("ClockAlignedDataInterval", new Key("0", false, false));
            k.put("WebSocketPingInterval", new Key("60", false, true));
            String maker = db.queryOne("SELECT manufacturer FROM stations WHERE id = ?", rs -> rs.getString(1), stationId).orElse("");
            switch (maker) {
                case "ABB" -> k.put("ABB.LedBrightness", new Key("80", false, false));
                case "Kempower" -> k.put("Kempower.PowerSharing", new Key("Dynamic", false, true));
                case "TELD" -> k.put("TELD.GridMode", new Key("TN", false, true));
                case "Autel" -> k.put("Autel.FreeMode", new Key("false", false, false));
                default -> k.put("FirmwareVersion", new Key(model.isEmpty() ? "1.0" : model, true, false));
            }
            return k;
        });
    }

    private Map<String, Object> getConfiguration(String stationId, String model, Object asked) {
        Map<String, Key> keys = keys(stationId, model);
        List<String> wanted = new ArrayList<>();
        if (asked instanceof List<?> l) {
            l.forEach(x -> wanted.add(String.valueOf(x)));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : wanted.isEmpty() ? new ArrayList<>(keys.keySet()) : wanted) {
            Key k = keys.get(name);
            if (k == null) {
                unknown.add(name);
            } else {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", name);
                e.put("readonly", k.readonly());
                e.put("value", k.value());
                found.add(e);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("configurationKey", found);
        answer.put("unknownKey", unknown);
        return answer;
    }

    private String changeConfiguration(String stationId, String model, String key, String value) {
        Map<String, Key> keys = keys(stationId, model);
        Key k = keys.get(key);
        if (k == null) {
            return "NotSupported";
        }
        if (k.readonly() || key.endsWith("Interval") && !value.matches("\\d{1,6}") || key.startsWith("Local") && !value.matches("true|false")) {
            return "Rejected";
        }
        keys.put(key, new Key(value, false, k.rebootRequired()));
        return k.rebootRequired() ? "RebootRequired" : "Accepted";
    }
}

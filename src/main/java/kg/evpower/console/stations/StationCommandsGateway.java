package kg.evpower.console.stations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.StationCommand;

/** What station actions ask of the server (the operator API); every method blocks, call it off the FX thread. */
public interface StationCommandsGateway {

    /** Sends a command and answers with what the station said (or Timeout, or Offline). */
    StationCommand send(String stationId, String action, Map<String, Object> fields, String reason);

    /** The station's command trail, newest first. */
    List<StationCommand> history(String stationId);

    /** The station's sessions that started since {@code since} or run now. */
    List<ChargingSession> sessions(String stationId, Instant since);

    /** Over the operator API. */
    static StationCommandsGateway over(kg.evpower.console.api.EvPowerClient api) {
        return new StationCommandsGateway() {
            @Override
            public StationCommand send(String stationId, String action, Map<String, Object> fields, String reason) {
                return api.stations().sendCommand(stationId, action, fields, reason);
            }

            @Override
            public List<StationCommand> history(String stationId) {
                return api.stations().commands(stationId, 50);
            }

            @Override
            public List<ChargingSession> sessions(String stationId, Instant since) {
                return api.sessions().adminSessions(null, stationId, since, null, 100, 0).sessions();
            }
        };
    }
}

package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * Locations and stations: the public network listing, station status, the operator API's stations and the locations feed's address.
 */
public final class StationsApi {

    private final ApiTransport t;

    StationsApi(ApiTransport t) {
        this.t = t;
    }

    public List<Location> locations(boolean includeStations) {
        return WireMapper.locations(t.call("GET", "/api/v1/locations" + (includeStations ? "?include_stations=true" : ""), null,
                Dto.Locations.class, ApiTransport.Auth.PUBLIC));
    }

    public Location location(String id) {
        return WireMapper.location(t.call("GET", "/api/v1/locations/" + ApiTransport.enc(id), null, Dto.LocationDto.class, ApiTransport.Auth.PUBLIC));
    }

    public Dto.StationStatusDto stationStatus(String stationId) {
        return t.call("GET", "/api/v1/station/status/" + ApiTransport.enc(stationId), null, Dto.StationStatusDto.class, ApiTransport.Auth.PUBLIC);
    }

    /** Operator API: every station the caller may see, with owner, liveness and raw OCPP status. */
    public List<Station> adminStations() {
        Dto.AdminStations r = t.call("GET", ServerCapabilities.ADMIN_STATIONS, null, Dto.AdminStations.class, ApiTransport.Auth.SESSION);
        return r.stations() == null ? List.of() : r.stations().stream().map(WireMapper::adminStation).toList();
    }

    /** Operator API: the stations of one location the caller may see. */
    public List<Station> adminStationsAt(String locationId) {
        Dto.AdminStations r = t.call("GET", ServerCapabilities.ADMIN_STATIONS + "?location_id=" + ApiTransport.enc(locationId), null,
                Dto.AdminStations.class, ApiTransport.Auth.SESSION);
        return r.stations() == null ? List.of() : r.stations().stream().map(WireMapper::adminStation).toList();
    }

    /**
     * The WebSocket URI of the locations feed, with a fresh random {@code client_id} each time it is asked for:
     * production keys its sockets by that id, so a reused one (a second console of the same person, a reconnect the
     * server has not noticed yet) silently ends the live updates of the connection left open (contract §5.1).
     */
    public URI locationsSocket() {
        return locationsSocket("evpower-console-" + java.util.UUID.randomUUID());
    }

    /** The same with a given {@code client_id}: for tests that show why it must not be reused. */
    public URI locationsSocket(String clientId) {
        String scheme = "https".equalsIgnoreCase(t.baseUri().getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + t.baseUri().getRawAuthority() + t.baseUri().getRawPath() + "/api/v1/ws/locations?client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
    }

    /** How long the console waits for a command's answer: longer than any server waits for its station. */
    static final java.time.Duration COMMAND_ANSWER = java.time.Duration.ofSeconds(90);

    private static String commandsPath(String stationId) {
        return ServerCapabilities.STATION_COMMANDS.replace("{station_id}", ApiTransport.enc(stationId));
    }

    /**
     * Sends a command ({@code action}, its fields in the operator API's names, a reason) and waits for the station's
     * answer; the server answers once the station has, or its wait ran out (Timeout), or at once when the station is not
     * connected (Offline).
     */
    public kg.evpower.console.domain.StationCommand sendCommand(String stationId, String action, java.util.Map<String, Object> fields, String reason) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        body.put("action", action);
        body.put("reason", reason);
        return WireMapper.command(t.call("POST", commandsPath(stationId), body, Dto.StationCommandSent.class, ApiTransport.Auth.SESSION,
                COMMAND_ANSWER).command());
    }

    /** The station's command trail, newest first. */
    public List<kg.evpower.console.domain.StationCommand> commands(String stationId, int limit) {
        Dto.StationCommands r = t.call("GET", commandsPath(stationId) + "?limit=" + limit, null, Dto.StationCommands.class,
                ApiTransport.Auth.SESSION);
        return r.commands() == null ? List.of() : r.commands().stream().map(WireMapper::command).toList();
    }
}

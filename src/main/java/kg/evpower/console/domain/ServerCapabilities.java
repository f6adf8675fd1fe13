package kg.evpower.console.domain;

import java.util.Set;

/**
 * What a server offers, read from its {@code /openapi.json}: production's API alone, or also the operator API.
 *
 * @param paths     every path the document lists
 * @param sandbox   the server is an EvPower sandbox (paths under {@code /_sandbox/})
 */
public record ServerCapabilities(Set<String> paths, boolean sandbox) {

    public static final String ADMIN_STATIONS = "/api/v1/admin/stations";
    public static final String ADMIN_SESSIONS = "/api/v1/admin/sessions";
    public static final String ADMIN_SESSIONS_WS = "/api/v1/admin/ws/sessions";

    public static ServerCapabilities unknown() {
        return new ServerCapabilities(Set.of(), false);
    }

    public boolean has(String path) {
        return paths.contains(path);
    }

    public boolean adminStations() {
        return has(ADMIN_STATIONS);
    }

    /** The operator API's session listing and stream; without them the sessions view polls the public status. */
    public boolean adminSessions() {
        return has(ADMIN_SESSIONS) && has(ADMIN_SESSIONS_WS);
    }
}

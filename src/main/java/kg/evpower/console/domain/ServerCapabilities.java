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

    public static ServerCapabilities unknown() {
        return new ServerCapabilities(Set.of(), false);
    }

    public boolean has(String path) {
        return paths.contains(path);
    }

    public boolean adminStations() {
        return has(ADMIN_STATIONS);
    }
}

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
    public static final String ADMIN_TOPUPS = "/api/v1/admin/topups";
    public static final String ADMIN_LEDGER = "/api/v1/admin/ledger";
    public static final String ADMIN_BILLING = "/api/v1/admin/billing/sessions";
    public static final String ADMIN_BALANCES = "/api/v1/admin/balances";
    public static final String ADMIN_PUSH_SUBSCRIPTIONS = "/api/v1/admin/push-subscriptions";
    public static final String ADMIN_PUSH_TEST = "/api/v1/admin/notifications/test";
    /** Production's people management (contract §2.5), and the operator API's one listing of everyone. */
    public static final String ADMIN_USERS = "/api/v1/admin/users";
    public static final String ADMIN_OPERATORS = "/api/v1/admin/operators";
    public static final String ADMIN_PEOPLE = "/api/v1/admin/people";
    /** The operator API's station commands (as its document names the path). */
    public static final String STATION_COMMANDS = "/api/v1/admin/stations/{station_id}/commands";
    /** The operator API's statistics. */
    public static final String ADMIN_STATS = "/api/v1/admin/stats";

    public static ServerCapabilities unknown() {
        return new ServerCapabilities(Set.of(), false);
    }

    public boolean has(String path) {
        return paths.contains(path);
    }

    public boolean adminStations() {
        return has(ADMIN_STATIONS);
    }

    /** The operator API's money reads a reconciliation needs. */
    public boolean adminMoney() {
        return has(ADMIN_TOPUPS) && has(ADMIN_LEDGER) && has(ADMIN_BILLING) && has(ADMIN_BALANCES);
    }

    /** The operator API's session listing and stream; without them the sessions view polls the public status. */
    public boolean adminSessions() {
        return has(ADMIN_SESSIONS) && has(ADMIN_SESSIONS_WS);
    }

    /** The operator API's push subscriptions and per-user test; without them only production's self-test exists. */
    public boolean adminPush() {
        return has(ADMIN_PUSH_SUBSCRIPTIONS) && has(ADMIN_PUSH_TEST);
    }

    /** Production's own people management: owners and staff ({@code /admin/users}) and operators ({@code /admin/operators}). */
    public boolean peopleManagement() {
        return has(ADMIN_USERS) && has(ADMIN_OPERATORS);
    }

    /** The operator API's one listing of everyone with phone, email and an operator's owner. */
    public boolean adminPeople() {
        return has(ADMIN_PEOPLE);
    }

    /** The operator API's statistics: without them the console computes them from a read-only PostgreSQL, if it has one. */
    public boolean adminStats() {
        return has(ADMIN_STATS);
    }

    /** The operator API's station commands: without them a console can watch a station but not act on it. */
    public boolean stationCommands() {
        return has(STATION_COMMANDS);
    }
}

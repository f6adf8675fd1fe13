package kg.evpower.console.stations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;

/**
 * Which stations an operator wants to see. Every field is optional (null or false means "any"). Plain data: it is
 * saved in the settings and applied the same way by the map, its list and anything else that filters stations.
 *
 * @param status         computed station status
 * @param city           exact city name
 * @param ownerId        owner's user id (superadmins only; the server scopes everyone else)
 * @param connectorType  a connector of this type (Type2, CCS, CHAdeMO, GB/T …); stations whose connectors are not
 *                       known yet do not match
 * @param minPowerKw     station power at least this
 * @param faultedOnly    at least one faulted connector
 * @param offlineMinutes not heard from (heartbeat) for more than this many minutes
 * @param search         station id, serial, location name or address contains this, ignoring case
 */
public record StationFilter(StationStatus status, String city, String ownerId, String connectorType, BigDecimal minPowerKw,
                            boolean faultedOnly, Integer offlineMinutes, String search) {

    public static final StationFilter ALL = new StationFilter(null, null, null, null, null, false, null, null);

    public boolean test(Station s, Instant now) {
        if (status != null && s.state(now) != status) {
            return false;
        }
        if (blank(city) != null && !city.equals(s.city())) {
            return false;
        }
        if (blank(ownerId) != null && !ownerId.equals(s.ownerId())) {
            return false;
        }
        if (blank(connectorType) != null && s.connectorList().stream().noneMatch(c -> connectorType.equalsIgnoreCase(c.type()))) {
            return false;
        }
        if (minPowerKw != null && (s.powerKw() == null || s.powerKw().compareTo(minPowerKw) < 0)) {
            return false;
        }
        if (faultedOnly && s.connectors().faulted() == 0
                && s.connectorList().stream().map(Connector::status).noneMatch(st -> st == ConnectorStatus.FAULTED)) {
            return false;
        }
        if (offlineMinutes != null && !silentFor(s, now, Duration.ofMinutes(offlineMinutes))) {
            return false;
        }
        String q = blank(search);
        if (q != null) {
            String needle = q.trim().toLowerCase(Locale.ROOT);
            return contains(s.id(), needle) || contains(s.serialNumber(), needle) || contains(s.locationName(), needle)
                    || contains(s.address(), needle) || contains(s.model(), needle);
        }
        return true;
    }

    /** Heartbeat older than {@code d}; with no heartbeat known, only a station the server calls offline. */
    static boolean silentFor(Station s, Instant now, Duration d) {
        if (s.lastHeartbeat() != null) {
            return s.lastHeartbeat().isBefore(now.minus(d));
        }
        return s.state(now) == StationStatus.OFFLINE;
    }

    /** True when nothing is filtered out. */
    public boolean isEmpty() {
        return status == null && blank(city) == null && blank(ownerId) == null && blank(connectorType) == null
                && minPowerKw == null && !faultedOnly && offlineMinutes == null && blank(search) == null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }
}

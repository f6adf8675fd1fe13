package kg.evpower.console.stations;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.ConnectorStatus;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;

/**
 * Which stations an operator wants to see. Every field is optional (empty, null or false means "any"); a filter saved
 * by an earlier version, with one value where a set is now, is read as a set of one. Plain data: it is
 * saved in the settings and applied the same way by the map, its list and anything else that filters stations.
 *
 * @param status         computed station status, any of these
 * @param city           exact city name, any of these
 * @param ownerId        owner's user id, any of these (superadmins only; the server scopes everyone else)
 * @param connectorType  a connector of one of these types (Type2, CCS, CHAdeMO, GB/T …); stations whose connectors
 *                       are not known yet do not match
 * @param minPowerKw     station power at least this
 * @param faultedOnly    at least one faulted connector
 * @param offlineMinutes not heard from (heartbeat) for more than this many minutes
 * @param search         station id, serial, location name or address contains this, ignoring case
 */
public record StationFilter(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Set<StationStatus> status,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Set<String> city,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Set<String> ownerId,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Set<String> connectorType,
                            BigDecimal minPowerKw, boolean faultedOnly, Integer offlineMinutes, String search) {

    /** The statuses a filter offers, in the order the map's legend shows them. */
    public static final List<StationStatus> STATUSES = List.of(StationStatus.AVAILABLE, StationStatus.OCCUPIED, StationStatus.FAULTED,
            StationStatus.OFFLINE, StationStatus.MAINTENANCE);

    public static final StationFilter ALL = new StationFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, false, null, null);

    public StationFilter {
        status = clean(status);
        city = clean(city);
        ownerId = clean(ownerId);
        connectorType = clean(connectorType);
    }

    /** Null and blank entries dropped; null is the empty set (any). */
    private static <T> Set<T> clean(Set<T> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Set<T> out = new java.util.LinkedHashSet<>();
        for (T v : values) {
            if (v != null && !(v instanceof String str && str.isBlank())) {
                out.add(v);
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    public boolean test(Station s, Instant now) {
        if (!status.isEmpty() && !status.contains(s.state(now))) {
            return false;
        }
        if (!city.isEmpty() && !city.contains(s.city())) {
            return false;
        }
        if (!ownerId.isEmpty() && !ownerId.contains(s.ownerId())) {
            return false;
        }
        if (!connectorType.isEmpty() && s.connectorList().stream().noneMatch(c -> c.type() != null
                && connectorType.stream().anyMatch(t -> t.equalsIgnoreCase(c.type())))) {
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
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return status.isEmpty() && city.isEmpty() && ownerId.isEmpty() && connectorType.isEmpty()
                && minPowerKw == null && !faultedOnly && offlineMinutes == null && blank(search) == null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }
}

package kg.evpower.console.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charging station as the console knows it. Fields the server did not provide are null ({@code online},
 * {@code lastHeartbeat}, {@code adminStatus}, {@code ownerId}, {@code ownerName}, {@code isAvailable}): the console shows them as unknown, never guesses.
 */
public record Station(String id, String serialNumber, String model, String manufacturer, String locationId,
                      String locationName, String address, String city, Double latitude, Double longitude,
                      BigDecimal powerKw, StationStatus status, String adminStatus, Boolean online, Instant lastHeartbeat,
                      Tariff tariff, ConnectorCounts connectors, List<Connector> connectorList, String ownerId,
                      String ownerName, Boolean isAvailable) {

    public Station {
        connectorList = connectorList == null ? List.of() : List.copyOf(connectorList);
    }

    /** Production calls a station offline when its heartbeat is older than this (contract §3.1). */
    public static final java.time.Duration HEARTBEAT_FRESH = java.time.Duration.ofMinutes(5);

    /**
     * The console's own state of the station, from what the server tells: maintenance by its admin status; offline when
     * the link is known to be down (the OCPP link flag, or a heartbeat older than 5 min); with the link known up,
     * available or occupied by its connectors, and FAULTED when none is free or busy but one is faulted (production
     * says "offline" then). When the server tells nothing of the link (today's public API), production's own status.
     */
    public StationStatus state(Instant now) {
        if ("maintenance".equals(adminStatus) || status == StationStatus.MAINTENANCE) {
            return StationStatus.MAINTENANCE;
        }
        Boolean up = linkUp(now);
        if (up == null) {
            return status;
        }
        if (!up) {
            return StationStatus.OFFLINE;
        }
        int free;
        int busy;
        int faulted;
        if (!connectorList.isEmpty()) {
            free = (int) connectorList.stream().filter(c -> c.status() == ConnectorStatus.AVAILABLE).count();
            busy = (int) connectorList.stream().filter(c -> c.status() == ConnectorStatus.OCCUPIED).count();
            faulted = (int) connectorList.stream().filter(c -> c.status() == ConnectorStatus.FAULTED || c.status() == ConnectorStatus.UNAVAILABLE).count();
        } else if (connectors != null && connectors.total() > 0) {
            free = connectors.free();
            busy = connectors.busy();
            faulted = connectors.faulted();
        } else {
            return status;
        }
        return free > 0 ? StationStatus.AVAILABLE : busy > 0 ? StationStatus.OCCUPIED : faulted > 0 ? StationStatus.FAULTED : status;
    }

    /** Whether the station's link is up: the OCPP link flag when known, else a heartbeat within 5 min; null when neither is known. */
    public Boolean linkUp(Instant now) {
        if (online != null) {
            return online;
        }
        if (lastHeartbeat != null) {
            return !lastHeartbeat.plus(HEARTBEAT_FRESH).isBefore(now);
        }
        return null;
    }

    /**
     * Why production's status differs from {@link #state}, as a message key ({@code station.differs.*}), or null when
     * they agree: production counts a station without free or busy connectors as offline, and judges the link by the
     * heartbeat only (a station can be "available" there with its link down, or "offline" with it up).
     */
    public String stateDiffers(Instant now) {
        StationStatus mine = state(now);
        if (mine == status || status == StationStatus.UNKNOWN) {
            return null;
        }
        if (mine == StationStatus.FAULTED) {
            return "station.differs.faulted";
        }
        if (mine == StationStatus.OFFLINE) {
            return "station.differs.linkDown";
        }
        return status == StationStatus.OFFLINE ? "station.differs.linkUp" : "station.differs.other";
    }

    /** A copy with heartbeat and online flag from {@code /station/status}. */
    public Station withLiveness(Boolean online, Instant lastHeartbeat) {
        return new Station(id, serialNumber, model, manufacturer, locationId, locationName, address, city, latitude, longitude,
                powerKw, status, adminStatus, online, lastHeartbeat, tariff, connectors, connectorList, ownerId, ownerName, isAvailable);
    }
}

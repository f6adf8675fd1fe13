package kg.evpower.console.stations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.LocationStatus;

/**
 * Groups map markers into clusters on a screen grid, for map providers that have no clustering of their own (Google
 * Maps through GMapsFX). Markers are projected to Web Mercator pixels at the given zoom and binned into square cells;
 * a cell with one marker stays a marker, a cell with more becomes one cluster at its members' centre, with a count per
 * status. Pure and deterministic: the same markers, zoom and view give the same groups in the same order.
 */
public final class GridClusterer {

    /** At this zoom and closer every location is shown on its own, as on the offline map. */
    public static final double NO_CLUSTERS_FROM_ZOOM = 15;

    private final int cellPx;

    public GridClusterer(int cellPx) {
        if (cellPx < 8) {
            throw new IllegalArgumentException("cell too small: " + cellPx);
        }
        this.cellPx = cellPx;
    }

    /** A visible area in degrees; west may be greater than east when the view crosses the antimeridian. */
    public record View(double south, double west, double north, double east) {

        boolean contains(double lat, double lon) {
            boolean inLon = west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
            return lat >= south && lat <= north && inLon;
        }

        /** The same view grown by a fraction of its size on every side, so markers just outside are ready. */
        public View grown(double fraction) {
            double dLat = (north - south) * fraction;
            double width = west <= east ? east - west : 360 - west + east;
            double dLon = width * fraction;
            return new View(Math.max(-90, south - dLat), wrap(west - dLon), Math.min(90, north + dLat), wrap(east + dLon));
        }

        private static double wrap(double lon) {
            return lon < -180 ? lon + 360 : lon > 180 ? lon - 360 : lon;
        }
    }

    /**
     * One thing to draw: a single location ({@link #single()}) or a cluster of several.
     *
     * @param key     stable while the group's membership is the same, so a provider can keep what it already drew
     */
    public record Group(String key, double lat, double lon, List<MapMarker> members, Map<LocationStatus, Integer> counts) {

        public boolean single() {
            return members.size() == 1;
        }

        public int size() {
            return members.size();
        }
    }

    /**
     * Groups the markers inside {@code view} (all of them when it is null) at {@code zoom}. Groups come sorted by key.
     */
    public List<Group> cluster(Collection<MapMarker> markers, double zoom, View view) {
        boolean clustering = zoom < NO_CLUSTERS_FROM_ZOOM;
        double scale = 256 * Math.pow(2, Math.floor(zoom));
        Map<Long, List<MapMarker>> cells = new HashMap<>();
        List<Group> out = new ArrayList<>();
        for (MapMarker mk : markers) {
            if (view != null && !view.contains(mk.lat(), mk.lon())) {
                continue;
            }
            if (!clustering) {
                out.add(group(mk.id(), List.of(mk)));
                continue;
            }
            double x = (mk.lon() + 180) / 360 * scale;
            double sin = Math.sin(Math.toRadians(Math.max(-85.05, Math.min(85.05, mk.lat()))));
            double y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
            long cell = ((long) Math.floor(x / cellPx) << 32) ^ ((long) Math.floor(y / cellPx) & 0xffffffffL);
            cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(mk);
        }
        for (List<MapMarker> members : cells.values()) {
            members.sort(Comparator.comparing(MapMarker::id));
            out.add(group(members.size() == 1 ? members.get(0).id() : "c:" + members.get(0).id() + ":" + members.size(), members));
        }
        out.sort(Comparator.comparing(Group::key));
        return out;
    }

    private static Group group(String key, List<MapMarker> members) {
        double lat = 0;
        double lon = 0;
        Map<LocationStatus, Integer> counts = new EnumMap<>(LocationStatus.class);
        for (MapMarker mk : members) {
            lat += mk.lat();
            lon += mk.lon();
            counts.merge(mk.status() == null ? LocationStatus.UNKNOWN : mk.status(), 1, Integer::sum);
        }
        return new Group(key, lat / members.size(), lon / members.size(), List.copyOf(members), counts);
    }
}

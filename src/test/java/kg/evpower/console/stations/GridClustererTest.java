package kg.evpower.console.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.StationCounts;
import org.junit.jupiter.api.Test;

/** The clusterer behind the Google provider, and the cluster ring it draws. */
class GridClustererTest {

    private static final LocationStatus[] STATUSES = LocationStatus.values();

    private static List<MapMarker> random(int n, long seed) {
        Random r = new Random(seed);
        List<MapMarker> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // around Kyrgyzstan, with some locations stacked in Bishkek
            double lat = i % 7 == 0 ? 42.87 + r.nextDouble() * 0.01 : 39.5 + r.nextDouble() * 3.5;
            double lon = i % 7 == 0 ? 74.59 + r.nextDouble() * 0.01 : 69.5 + r.nextDouble() * 10.5;
            out.add(new MapMarker("loc-" + i, "L" + i, "addr", lat, lon, STATUSES[r.nextInt(STATUSES.length)], new StationCounts(1, 0, 0, 0, 0)));
        }
        return out;
    }

    @Test
    void everyLocationIsInExactlyOneGroupAndTheCountsAddUp() {
        List<MapMarker> markers = random(5000, 1);
        for (double zoom : new double[] {4, 7, 10, 13}) {
            List<GridClusterer.Group> groups = new GridClusterer(56).cluster(markers, zoom, null);
            Set<String> seen = new HashSet<>();
            int clusters = 0;
            for (GridClusterer.Group g : groups) {
                int byStatus = g.counts().values().stream().mapToInt(Integer::intValue).sum();
                assertEquals(g.size(), byStatus, "counts per status add up to the group's size");
                for (MapMarker mk : g.members()) {
                    assertTrue(seen.add(mk.id()), "drawn once: " + mk.id());
                }
                for (LocationStatus s : g.counts().keySet()) {
                    assertEquals(g.counts().get(s).longValue(), g.members().stream().filter(mk -> mk.status() == s).count());
                }
                clusters += g.single() ? 0 : 1;
            }
            assertEquals(markers.size(), seen.size(), "every location at zoom " + zoom);
            assertTrue(clusters > 0, "clusters when zoomed out at " + zoom);
        }
    }

    @Test
    void closerZoomsMakeMoreGroupsAndFromZoom15EveryLocationStandsAlone() {
        List<MapMarker> markers = random(2000, 2);
        GridClusterer c = new GridClusterer(56);
        int previous = 0;
        for (double zoom = 4; zoom <= 14; zoom += 2) {
            int n = c.cluster(markers, zoom, null).size();
            assertTrue(n >= previous, "zoom " + zoom + ": " + n + " groups after " + previous);
            previous = n;
        }
        List<GridClusterer.Group> close = c.cluster(markers, GridClusterer.NO_CLUSTERS_FROM_ZOOM, null);
        assertEquals(markers.size(), close.size());
        assertTrue(close.stream().allMatch(GridClusterer.Group::single));
    }

    @Test
    void aClusterSitsAtItsMembersCentreAndKeysAreStable() {
        MapMarker a = new MapMarker("a", "A", "", 42.0, 74.0, LocationStatus.AVAILABLE, new StationCounts(1, 0, 0, 0, 0));
        MapMarker b = new MapMarker("b", "B", "", 42.002, 74.002, LocationStatus.OFFLINE, new StationCounts(1, 0, 0, 0, 0));
        List<GridClusterer.Group> one = new GridClusterer(56).cluster(List.of(b, a), 7, null);
        assertEquals(1, one.size());
        GridClusterer.Group g = one.get(0);
        assertEquals(42.001, g.lat(), 1e-9);
        assertEquals(74.001, g.lon(), 1e-9);
        assertEquals(Map.of(LocationStatus.AVAILABLE, 1, LocationStatus.OFFLINE, 1), g.counts());
        assertEquals(g.key(), new GridClusterer(56).cluster(List.of(a, b), 7, null).get(0).key(), "input order does not matter");
    }

    @Test
    void onlyWhatIsInTheViewIsGroupedAcrossTheAntimeridianToo() {
        MapMarker bishkek = new MapMarker("bishkek", "", "", 42.87, 74.59, LocationStatus.AVAILABLE, new StationCounts(1, 0, 0, 0, 0));
        MapMarker osh = new MapMarker("osh", "", "", 40.51, 72.80, LocationStatus.AVAILABLE, new StationCounts(1, 0, 0, 0, 0));
        MapMarker fiji = new MapMarker("fiji", "", "", -17.7, 178.0, LocationStatus.AVAILABLE, new StationCounts(1, 0, 0, 0, 0));
        GridClusterer c = new GridClusterer(56);
        List<GridClusterer.Group> north = c.cluster(List.of(bishkek, osh, fiji), 12, new GridClusterer.View(42.5, 74.0, 43.2, 75.0));
        assertEquals(List.of("bishkek"), north.stream().map(GridClusterer.Group::key).toList());
        List<GridClusterer.Group> pacific = c.cluster(List.of(bishkek, osh, fiji), 12, new GridClusterer.View(-30, 170, 0, -170));
        assertEquals(List.of("fiji"), pacific.stream().map(GridClusterer.Group::key).toList());
        GridClusterer.View grown = new GridClusterer.View(42.5, 74.0, 43.2, 75.0).grown(0.5);
        assertEquals(42.15, grown.south(), 1e-9);
        assertEquals(73.5, grown.west(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new GridClusterer(2));
    }

    @Test
    void theRingHasOneArcPerStatusInProportionAndTheTotalInTheMiddle() {
        String svg = GoogleMapsView.donut(Map.of(LocationStatus.AVAILABLE, 3, LocationStatus.OFFLINE, 1), 4, 34, false);
        Matcher arcs = Pattern.compile("stroke-dasharray='([0-9.]+) ([0-9.]+)'").matcher(svg);
        List<Double> lengths = new ArrayList<>();
        double circ = 0;
        while (arcs.find()) {
            lengths.add(Double.parseDouble(arcs.group(1)));
            circ = Double.parseDouble(arcs.group(1)) + Double.parseDouble(arcs.group(2));
        }
        assertEquals(2, lengths.size());
        assertEquals(0.75 * circ, lengths.get(0), 0.02);
        assertEquals(0.25 * circ, lengths.get(1), 0.02);
        assertTrue(svg.contains(">4</text>"), svg);
        assertTrue(svg.startsWith("<svg xmlns='http://www.w3.org/2000/svg'"));
        assertTrue(GoogleMapsView.dot(LocationStatus.OCCUPIED, 26, true).contains("stroke='#111827'"));
    }
}

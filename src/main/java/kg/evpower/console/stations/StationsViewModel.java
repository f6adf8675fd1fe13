package kg.evpower.console.stations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.domain.Station;
import kg.evpower.console.fx.BatchList;

/**
 * The stations the console knows, shared by every view of the network (overview table, map): one list, updated on
 * the FX thread in bulk from {@link NetworkService} through an {@code FxCoalescer}. Views filter it; none owns it.
 */
public final class StationsViewModel {

    private final BatchList<Station> stations = new BatchList<>();
    private final ObservableList<Station> readOnly = FXCollections.unmodifiableObservableList(stations);
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, List<Integer>> byLocation = new HashMap<>();
    /** The order every view starts from: location name, then station id. */
    public static final java.util.Comparator<Station> ORDER = java.util.Comparator
            .comparing((Station s) -> s.locationName() == null ? "" : s.locationName()).thenComparing(Station::id);
    private final ObservableList<String> cities = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(true);
    private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();
    private final kg.evpower.console.fx.Freshness freshness = new kg.evpower.console.fx.Freshness();

    /** How current the stations are: shared by the overview and the map, so both say the same. */
    public kg.evpower.console.fx.Freshness freshness() {
        return freshness;
    }

    public ObservableList<Station> stations() {
        return readOnly;
    }

    public ObservableList<String> cities() {
        return cities;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<Instant> updatedAtProperty() {
        return updatedAt;
    }


    /** The station shown now for an id, or null. */
    public Station station(String id) {
        Integer i = index.get(id);
        return i == null ? null : stations.get(i);
    }

    /** The stations of one location, in list order. */
    public List<Station> stationsAt(String locationId) {
        List<Integer> at = byLocation.get(locationId);
        if (at == null) {
            return List.of();
        }
        List<Station> out = new ArrayList<>(at.size());
        for (int i : at) {
            out.add(stations.get(i));
        }
        return out;
    }

    /** Hears each station that changed: as it was and as it is now (FX thread). */
    private java.util.function.BiConsumer<Station, Station> changes = (a, b) -> { };

    public void onChange(java.util.function.BiConsumer<Station, Station> listener) {
        this.changes = listener;
    }

    /** FX thread: replace the whole list. */
    public void replaceAll(List<Station> all) {
        List<Station> merged = new ArrayList<>(all.size());
        for (Station s : all) {
            Station old = station(s.id());
            merged.add(old == null ? s : merge(old, s));
            if (old != null) {
                changes.accept(old, merged.get(merged.size() - 1));
            }
        }
        merged.sort(ORDER);
        // indexes first: listeners of the list read them while it changes
        index.clear();
        byLocation.clear();
        for (int i = 0; i < merged.size(); i++) {
            index.put(merged.get(i).id(), i);
            byLocation.computeIfAbsent(merged.get(i).locationId(), k -> new ArrayList<>()).add(i);
        }
        stations.setAll(merged);
        TreeSet<String> c = new TreeSet<>();
        for (Station s : merged) {
            if (s.city() != null) {
                c.add(s.city());
            }
        }
        if (!new ArrayList<>(c).equals(cities)) {
            cities.setAll(c);
        }
        loading.set(false);
        updatedAt.set(Instant.now());
        freshness.arrived(updatedAt.get());
        freshness.back(SERVER);
    }

    /** FX thread: apply a batch of changed stations (new ones are appended). */
    public void upsert(Iterable<Station> changed) {
        java.util.Map<Integer, Station> replaced = new java.util.LinkedHashMap<>();
        java.util.Map<String, Station> added = new java.util.LinkedHashMap<>();
        boolean moved = false;
        for (Station s : changed) {
            Integer i = index.get(s.id());
            if (i == null) {
                added.put(s.id(), s);
            } else {
                Station old = replaced.getOrDefault(i, stations.get(i));
                moved |= !java.util.Objects.equals(old.locationId(), s.locationId());
                replaced.put(i, merge(old, s));
                changes.accept(old, replaced.get(i));
            }
        }
        int next = stations.size();
        for (Station s : added.values()) {
            index.put(s.id(), next);
            byLocation.computeIfAbsent(s.locationId(), k -> new ArrayList<>()).add(next);
            next++;
        }
        if (moved) { // a station changed location: rebuild the per-location index before listeners read it
            byLocation.clear();
            for (int i = 0; i < stations.size(); i++) {
                Station now = replaced.getOrDefault(i, stations.get(i));
                byLocation.computeIfAbsent(now.locationId(), k -> new ArrayList<>()).add(i);
            }
            for (Station s : added.values()) {
                byLocation.computeIfAbsent(s.locationId(), k -> new ArrayList<>()).add(index.get(s.id()));
            }
        }
        stations.apply(replaced.entrySet(), added.values());
        updatedAt.set(Instant.now());
        freshness.arrived(updatedAt.get());
    }

    /** Keeps what the newer record does not know (heartbeat from a trickle, location fields from a full load). */
    static Station merge(Station old, Station s) {
        Station out = s;
        if (s.lastHeartbeat() == null && old.lastHeartbeat() != null) {
            out = out.withLiveness(old.online(), old.lastHeartbeat());
        }
        return out;
    }

    public void failed(String message) {
        freshness.lost(SERVER, message);
    }

    /**
     * FX thread: the live feed's state (connected, lost, or null for neither yet); while it is lost the stations are
     * as of the moment it dropped.
     */
    public void feed(Boolean connected, String reason) {
        freshness.feed(FEED, connected, reason, Instant.now());
    }

    private static final String SERVER = "server";
    private static final String FEED = "feed";
}

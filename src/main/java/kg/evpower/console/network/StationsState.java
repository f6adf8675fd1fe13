package kg.evpower.console.network;

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
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.domain.Station;

/**
 * The stations the console knows, shared by every view of the network (overview table, map): one list, updated on
 * the FX thread in bulk from {@link NetworkService} through an {@code FxCoalescer}. Views filter it; none owns it.
 */
public final class StationsState {

    private final ObservableList<Station> stations = FXCollections.observableArrayList();
    private final ObservableList<Station> readOnly = FXCollections.unmodifiableObservableList(stations);
    private final Map<String, Integer> index = new HashMap<>();
    private final ObservableList<String> cities = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(true);
    private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty();

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

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    /** The station shown now for an id, or null. */
    public Station station(String id) {
        Integer i = index.get(id);
        return i == null ? null : stations.get(i);
    }

    /** FX thread: replace the whole list. */
    public void replaceAll(List<Station> all) {
        List<Station> merged = new ArrayList<>(all.size());
        for (Station s : all) {
            Station old = station(s.id());
            merged.add(old == null ? s : merge(old, s));
        }
        stations.setAll(merged);
        index.clear();
        for (int i = 0; i < stations.size(); i++) {
            index.put(stations.get(i).id(), i);
        }
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
        problem.set(null);
        updatedAt.set(Instant.now());
    }

    /** FX thread: apply a batch of changed stations (new ones are appended). */
    public void upsert(Iterable<Station> changed) {
        for (Station s : changed) {
            Integer i = index.get(s.id());
            if (i == null) {
                index.put(s.id(), stations.size());
                stations.add(s);
            } else {
                stations.set(i, merge(stations.get(i), s));
            }
        }
        problem.set(null);
        updatedAt.set(Instant.now());
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
        problem.set(message);
    }
}

package kg.evpower.console.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;

/**
 * State of the network overview: every station, filtered by status, city and a search text. Updates arrive in
 * bulk from an {@code FxCoalescer}; the view model never touches a Node and is testable without a stage.
 */
public final class NetworkOverviewViewModel {

    private final ObservableList<Station> stations = FXCollections.observableArrayList();
    private final Map<String, Integer> index = new HashMap<>();
    private final FilteredList<Station> filtered = new FilteredList<>(stations, s -> true);
    private final ObservableList<String> cities = FXCollections.observableArrayList();
    private final ObjectProperty<StationStatus> statusFilter = new SimpleObjectProperty<>();
    private final StringProperty cityFilter = new SimpleStringProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final IntegerProperty total = new SimpleIntegerProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty(true);
    private final ObjectProperty<Instant> updatedAt = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty();

    public NetworkOverviewViewModel() {
        statusFilter.addListener((o, a, b) -> refilter());
        cityFilter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
    }

    public FilteredList<Station> rows() {
        return filtered;
    }

    public ObservableList<String> cities() {
        return cities;
    }

    public ObjectProperty<StationStatus> statusFilterProperty() {
        return statusFilter;
    }

    public StringProperty cityFilterProperty() {
        return cityFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public IntegerProperty shownProperty() {
        return shown;
    }

    public IntegerProperty totalProperty() {
        return total;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ObjectProperty<Instant> updatedAtProperty() {
        return updatedAt;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    /** FX thread: replace the whole list. */
    public void replaceAll(List<Station> all) {
        stations.setAll(all);
        index.clear();
        for (int i = 0; i < stations.size(); i++) {
            index.put(stations.get(i).id(), i);
        }
        TreeSet<String> c = new TreeSet<>();
        for (Station s : all) {
            if (s.city() != null) {
                c.add(s.city());
            }
        }
        if (!new ArrayList<>(c).equals(cities)) {
            cities.setAll(c);
        }
        loading.set(false);
        problem.set(null);
        touched();
    }

    /** FX thread: apply a batch of changed stations (new ones are appended). */
    public void upsert(Iterable<Station> changed) {
        for (Station s : changed) {
            Integer i = index.get(s.id());
            if (i == null) {
                index.put(s.id(), stations.size());
                stations.add(s);
            } else {
                Station old = stations.get(i);
                stations.set(i, merge(old, s));
            }
        }
        problem.set(null);
        touched();
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

    private void touched() {
        total.set(stations.size());
        shown.set(filtered.size());
        updatedAt.set(Instant.now());
    }

    private void refilter() {
        StationStatus st = statusFilter.get();
        String city = cityFilter.get();
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(s -> (st == null || s.status() == st)
                && (city == null || city.isEmpty() || city.equals(s.city()))
                && (q.isEmpty() || contains(s.id(), q) || contains(s.model(), q) || contains(s.locationName(), q)
                || contains(s.address(), q) || contains(s.serialNumber(), q)));
        shown.set(filtered.size());
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }

    /** Test hook: the station currently shown for an id. */
    public Station station(String id) {
        Integer i = index.get(id);
        return i == null ? null : stations.get(i);
    }
}

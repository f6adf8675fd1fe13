package kg.evpower.console.stations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.LocationStatus;
import kg.evpower.console.domain.LocationUpdate;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationCounts;
import kg.evpower.console.domain.StationStatus;

/**
 * The station map: filters (remembered), the filtered station list beside the map, one marker per location with the
 * status its filtered stations give it, selection shared by list and map, and the selected location's details.
 * Marker changes go out as deltas to whatever draws them; the view model never touches a Node.
 */
public final class MapViewModel {

    /** What the map must redraw: markers added or changed, and ids removed. */
    public record MarkerDelta(boolean full, List<MapMarker> upserts, List<String> removed) {
    }

    /** The selected location as the side panel shows it. */
    public record LocationDetails(MapMarker marker, String city, String ownerName, List<Station> stations) {
    }

    private final StationsViewModel state;
    private final Supplier<Instant> clock;
    private final boolean showOwners;
    private final FilteredList<Station> filtered;
    private final ObjectProperty<Set<StationStatus>> status = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<Set<String>> city = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<Set<String>> owner = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<Set<String>> connectorType = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<BigDecimal> minPower = new SimpleObjectProperty<>();
    private final BooleanProperty faultedOnly = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> offlineMinutes = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StationFilter> filter = new SimpleObjectProperty<>(StationFilter.ALL);
    private final StringProperty selectedLocation = new SimpleStringProperty();
    private final StringProperty selectedStation = new SimpleStringProperty();
    private final ObjectProperty<String> revealLocation = new SimpleObjectProperty<>();
    private final ObjectProperty<LocationDetails> details = new SimpleObjectProperty<>();
    private final ObservableList<String> owners = FXCollections.observableArrayList();
    private final ObservableList<String> connectorTypes = FXCollections.observableArrayList();
    private final Map<String, String> ownerNames = new HashMap<>();
    private final IntegerProperty shownStations = new SimpleIntegerProperty();
    private final IntegerProperty shownLocations = new SimpleIntegerProperty();
    private final IntegerProperty totalStations = new SimpleIntegerProperty();
    private final Map<String, MapMarker> markers = new HashMap<>();
    /** Live location statuses from the WebSocket, used until stations of that location are reloaded. */
    private final Map<String, LocationUpdate> live = new HashMap<>();
    private final List<Consumer<MarkerDelta>> listeners = new ArrayList<>();
    private boolean applyingFilter;

    private final MapBackgroundViewModel background;

    public MapViewModel(StationsViewModel state, Supplier<Instant> clock, boolean showOwners, StationFilter saved,
                        kg.evpower.console.fx.TaskExecutor tasks, MapBackgroundViewModel.TileSources tiles) {
        this.state = state;
        this.background = new MapBackgroundViewModel(tasks, tiles);
        this.clock = clock;
        this.showOwners = showOwners;
        this.filtered = new FilteredList<>(state.stations(), s -> true);
        // no sorting here: the state keeps its stations in location-then-id order
        shownStations.bind(Bindings.size(filtered));
        totalStations.bind(Bindings.size(state.stations()));
        load(saved == null ? StationFilter.ALL : saved);
        for (var p : List.of(status, city, owner, connectorType, minPower, faultedOnly, offlineMinutes, search)) {
            p.addListener((o, a, b) -> rebuildFilter());
        }
        state.stations().addListener((ListChangeListener<Station>) this::stationsChanged);
        refreshChoices(); // stations known before this view model was made have owners and connector types too
        selectedLocation.addListener((o, a, b) -> refreshDetails());
        rebuildFilter();
    }

    // ---- filters

    private void load(StationFilter f) {
        applyingFilter = true;
        status.set(f.status());
        city.set(f.city());
        owner.set(showOwners ? f.ownerId() : Set.of());
        connectorType.set(f.connectorType());
        minPower.set(f.minPowerKw());
        faultedOnly.set(f.faultedOnly());
        offlineMinutes.set(f.offlineMinutes());
        search.set(f.search() == null ? "" : f.search());
        applyingFilter = false;
    }

    private void rebuildFilter() {
        if (applyingFilter) {
            return;
        }
        StationFilter f = new StationFilter(status.get(), city.get(), showOwners ? owner.get() : Set.of(), connectorType.get(),
                minPower.get(), faultedOnly.get(), offlineMinutes.get(), search.get());
        filter.set(f);
        Instant now = clock.get();
        filtered.setPredicate(s -> f.test(s, now));
        recomputeAllMarkers();
    }

    /** Back to everything. */
    public void clearFilters() {
        load(StationFilter.ALL);
        rebuildFilter();
    }

    // ---- data

    private void stationsChanged(ListChangeListener.Change<? extends Station> c) {
        Set<String> touched = new HashSet<>();
        List<Station> added = new ArrayList<>();
        boolean big = false;
        while (c.next()) {
            // a reload or removal: rebuild everything; replacements (live updates) and additions go location by location
            big |= c.wasPermutated() || c.getRemovedSize() > 0 && !c.wasReplaced();
            for (Station s : c.getRemoved()) {
                touched.add(s.locationId());
            }
            for (Station s : c.getAddedSubList()) {
                touched.add(s.locationId());
                added.add(s);
            }
        }
        if (touched.size() > 2000) {
            big = true;
        }
        if (big || choicesMayChange(added)) {
            refreshChoices();
        }
        // reloaded stations are newer than any live status the WebSocket gave for their location
        touched.forEach(live::remove);
        if (big) {
            live.clear();
            recomputeAllMarkers();
        } else {
            recomputeMarkers(touched);
        }
        if (selectedLocation.get() != null && (big || touched.contains(selectedLocation.get()))) {
            refreshDetails();
        }
    }

    /**
     * A {@code location_status_update}: recolour at once from what the server says about the whole location, when no
     * filter hides part of it; the stations themselves follow when re-fetched.
     */
    public void onLiveUpdate(Collection<LocationUpdate> updates) {
        Set<String> ids = new HashSet<>();
        for (LocationUpdate u : updates) {
            live.put(u.locationId(), u);
            ids.add(u.locationId());
        }
        recomputeMarkers(ids);
    }

    /** Whether changed stations bring an owner or connector type the choices do not list yet. */
    private boolean choicesMayChange(List<Station> changed) {
        for (Station s : changed) {
            if (s.ownerId() != null && !ownerNames.containsKey(s.ownerId())) {
                return true;
            }
            for (var c : s.connectorList()) {
                if (c.type() != null && !connectorTypes.contains(c.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void refreshChoices() {
        TreeMap<String, String> o = new TreeMap<>();
        TreeSet<String> types = new TreeSet<>();
        for (Station s : state.stations()) {
            if (s.ownerId() != null) {
                o.put(s.ownerId(), s.ownerName() == null ? s.ownerId() : s.ownerName());
            }
            s.connectorList().forEach(c -> {
                if (c.type() != null) {
                    types.add(c.type());
                }
            });
        }
        ownerNames.clear();
        ownerNames.putAll(o);
        List<String> ownerIds = o.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        if (!ownerIds.equals(owners)) {
            owners.setAll(ownerIds);
        }
        if (!new ArrayList<>(types).equals(connectorTypes)) {
            connectorTypes.setAll(types);
        }
    }

    private void recomputeAllMarkers() {
        Map<String, List<Station>> byLocation = group(filtered);
        Map<String, MapMarker> next = new LinkedHashMap<>();
        for (var e : byLocation.entrySet()) {
            MapMarker m = marker(e.getValue());
            if (m != null) {
                next.put(m.id(), m);
            }
        }
        markers.clear();
        markers.putAll(next);
        shownLocations.set(markers.size());
        fire(new MarkerDelta(true, new ArrayList<>(next.values()), List.of()));
        if (selectedLocation.get() != null && !markers.containsKey(selectedLocation.get())) {
            selectedLocation.set(null);
            selectedStation.set(null);
        }
    }

    private void recomputeMarkers(Set<String> locationIds) {
        if (locationIds.isEmpty()) {
            return;
        }
        List<MapMarker> up = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String id : locationIds) {
            List<Station> ss = shownAt(id);
            MapMarker m = ss.isEmpty() ? null : marker(ss);
            if (m == null) {
                if (markers.remove(id) != null) {
                    gone.add(id);
                }
            } else if (!m.equals(markers.get(id))) {
                markers.put(id, m);
                up.add(m);
            }
        }
        shownLocations.set(markers.size());
        if (!up.isEmpty() || !gone.isEmpty()) {
            fire(new MarkerDelta(false, up, gone));
        }
    }

    private static Map<String, List<Station>> group(List<Station> stations) {
        Map<String, List<Station>> out = new LinkedHashMap<>();
        for (Station s : stations) {
            out.computeIfAbsent(s.locationId(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The marker for one location's (filtered) stations; null without coordinates (never guessed). */
    private MapMarker marker(List<Station> stations) {
        Station first = stations.get(0);
        if (first.latitude() == null || first.longitude() == null) {
            return null;
        }
        int available = 0;
        int occupied = 0;
        int offline = 0;
        int maintenance = 0;
        int faulted = 0;
        Instant now = clock.get();
        for (Station s : stations) {
            switch (s.state(now)) {
                case AVAILABLE -> available++;
                case OCCUPIED -> occupied++;
                case MAINTENANCE -> maintenance++;
                case FAULTED -> faulted++;
                default -> offline++;
            }
        }
        StationCounts counts = new StationCounts(stations.size(), available, occupied, offline, maintenance, faulted);
        LocationStatus st = LocationStatus.of(counts);
        LocationUpdate u = live.get(first.locationId());
        // the server's live word for the whole location, unless the console knows better (a faulted station it calls offline)
        if (u != null && filter.get().isEmpty() && u.status() != LocationStatus.UNKNOWN && faulted == 0) {
            st = u.status();
            counts = u.stationCounts();
        }
        return new MapMarker(first.locationId(), first.locationName(), first.address(), first.latitude(), first.longitude(), st,
                counts);
    }

    private void fire(MarkerDelta d) {
        for (Consumer<MarkerDelta> l : List.copyOf(listeners)) {
            l.accept(d);
        }
    }

    /** Subscribes a marker drawer; it first gets every current marker. */
    public void addMarkerListener(Consumer<MarkerDelta> l) {
        listeners.add(l);
        l.accept(new MarkerDelta(true, new ArrayList<>(markers.values()), List.of()));
    }

    public void removeMarkerListener(Consumer<MarkerDelta> l) {
        listeners.remove(l);
    }

    public Map<String, MapMarker> markers() {
        return java.util.Collections.unmodifiableMap(markers);
    }

    // ---- selection

    /** A marker was clicked: select its location and its first (listed) station. */
    public void selectLocation(String locationId) {
        selectedLocation.set(locationId);
        if (locationId == null) {
            selectedStation.set(null);
            return;
        }
        Station current = selectedStation.get() == null ? null : state.station(selectedStation.get());
        if (current == null || !locationId.equals(current.locationId())) {
            selectedStation.set(shownAt(locationId).stream().map(Station::id).findFirst().orElse(null));
        }
    }

    /**
     * Another screen asks to see this station on the map: it is selected, and the map goes to its location (now, or
     * when the map is next built).
     */
    public void reveal(String stationId) {
        selectStation(stationId);
        revealLocation.set(null);
        revealLocation.set(selectedLocation.get());
    }

    /** The location the map should go to, set by {@link #reveal}; the view clears it once it has gone there. */
    public ObjectProperty<String> revealLocationProperty() {
        return revealLocation;
    }

    /** A row of the list was chosen: select it and its location. */
    public void selectStation(String stationId) {
        selectedStation.set(stationId);
        Station s = stationId == null ? null : state.station(stationId);
        selectedLocation.set(s == null ? null : s.locationId());
    }

    private void refreshDetails() {
        String id = selectedLocation.get();
        MapMarker m = id == null ? null : markers.get(id);
        if (m == null) {
            details.set(null);
            return;
        }
        List<Station> ss = shownAt(id);
        Station first = ss.isEmpty() ? null : ss.get(0);
        details.set(new LocationDetails(m, first == null ? null : first.city(),
                first == null || !showOwners ? null : first.ownerName(), ss));
    }

    /** The stations of a location that the filter lets through, in list order. */
    private List<Station> shownAt(String locationId) {
        StationFilter f = filter.get();
        Instant now = clock.get();
        return state.stationsAt(locationId).stream().filter(s -> f.test(s, now)).toList();
    }

    /**
     * Locations whose details are worth a request now: those inside the view (south, west, north, east) and the
     * selected one.
     */
    public Set<String> locationsWithin(double south, double west, double north, double east) {
        Set<String> out = new HashSet<>();
        for (MapMarker mk : markers.values()) {
            if (mk.lat() >= south && mk.lat() <= north && mk.lon() >= west && mk.lon() <= east) {
                out.add(mk.id());
            }
        }
        if (selectedLocation.get() != null) {
            out.add(selectedLocation.get());
        }
        return Set.copyOf(out);
    }

    // ---- properties

    public FilteredList<Station> stations() {
        return filtered;
    }

    public ObservableList<String> cities() {
        return state.cities();
    }

    public ObservableList<String> owners() {
        return owners;
    }

    public String ownerName(String id) {
        return ownerNames.getOrDefault(id, id);
    }

    public boolean showOwners() {
        return showOwners;
    }

    public ObservableList<String> connectorTypes() {
        return connectorTypes;
    }

    /** How current the stations shown are (the same for the overview and the map). */
    public kg.evpower.console.fx.Freshness freshness() {
        return state.freshness();
    }

    /** The statuses shown (any of them); empty: every status. */
    public ObjectProperty<Set<StationStatus>> statusProperty() {
        return status;
    }

    /** The cities shown; empty: every city. */
    public ObjectProperty<Set<String>> cityProperty() {
        return city;
    }

    /** The owners whose stations are shown (superadmins); empty: every owner. */
    public ObjectProperty<Set<String>> ownerProperty() {
        return owner;
    }

    /** The connector types shown; empty: any connector. */
    public ObjectProperty<Set<String>> connectorTypeProperty() {
        return connectorType;
    }

    public ObjectProperty<BigDecimal> minPowerProperty() {
        return minPower;
    }

    public BooleanProperty faultedOnlyProperty() {
        return faultedOnly;
    }

    public ObjectProperty<Integer> offlineMinutesProperty() {
        return offlineMinutes;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The filter now in force (saved in the settings by the composition root). */
    public ObjectProperty<StationFilter> filterProperty() {
        return filter;
    }

    public StringProperty selectedLocationProperty() {
        return selectedLocation;
    }

    public StringProperty selectedStationProperty() {
        return selectedStation;
    }

    public ObjectProperty<LocationDetails> detailsProperty() {
        return details;
    }

    public IntegerProperty shownStationsProperty() {
        return shownStations;
    }

    public IntegerProperty shownLocationsProperty() {
        return shownLocations;
    }

    public IntegerProperty totalStationsProperty() {
        return totalStations;
    }

    /** The console's own state of a station as of now (Faulted included), which the list and the map show. */
    public StationStatus state(Station s) {
        return s.state(clock.get());
    }

    /** What the map is drawn over: the chosen provider, its settings, and its fallback to the offline map. */
    public MapBackgroundViewModel background() {
        return background;
    }
}

package kg.evpower.console.stations;

import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;

/**
 * State of the network overview: the shared stations, filtered by status, city and a search text. The view model
 * never touches a Node and is testable without a stage.
 */
public final class NetworkOverviewViewModel {

    private final StationsViewModel state;
    private final FilteredList<Station> filtered;
    private final ObjectProperty<java.util.Set<StationStatus>> statusFilter = new SimpleObjectProperty<>(java.util.Set.of());
    private final ObjectProperty<java.util.Set<String>> cityFilter = new SimpleObjectProperty<>(java.util.Set.of());
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final IntegerProperty total = new SimpleIntegerProperty();

    public NetworkOverviewViewModel(StationsViewModel state) {
        this.state = state;
        this.filtered = new FilteredList<>(state.stations(), s -> true);
        statusFilter.addListener((o, a, b) -> refilter());
        cityFilter.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
        shown.bind(Bindings.size(filtered));
        total.bind(Bindings.size(state.stations()));
    }

    public FilteredList<Station> rows() {
        return filtered;
    }

    public ObservableList<String> cities() {
        return state.cities();
    }

    /** How current the stations shown are (the same for the overview and the map). */
    public kg.evpower.console.fx.Freshness freshness() {
        return state.freshness();
    }

    /** The statuses shown; empty: every status. */
    public ObjectProperty<java.util.Set<StationStatus>> statusFilterProperty() {
        return statusFilter;
    }

    /** The cities shown; empty: every city. */
    public ObjectProperty<java.util.Set<String>> cityFilterProperty() {
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

    public ReadOnlyObjectProperty<Instant> updatedAtProperty() {
        return state.updatedAtProperty();
    }


    /** The console's own state of a station as of now (Faulted included), which the table shows. */
    public StationStatus state(Station s) {
        return s.state(Instant.now());
    }

    private void refilter() {
        StationFilter f = new StationFilter(statusFilter.get(), cityFilter.get(), null, null, null, false, null, search.get());
        filtered.setPredicate(s -> f.test(s, Instant.now()));
    }
}

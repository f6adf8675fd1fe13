package kg.evpower.console.stations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import kg.evpower.console.domain.ConnectorCounts;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.StationStatus;
import org.junit.jupiter.api.Test;

/** The shared station list: order, the per-location index as listeners see it, and bursts as one change. */
class StationsViewModelTest {

    private static Station st(String id, String loc, String locName, StationStatus status) {
        return new Station(id, null, "M", "X", loc, locName, null, "Бишкек", 42.0, 74.0, null, status, "active", true, null, null,
                ConnectorCounts.NONE, List.of(), null, null, true);
    }

    @Test
    void listenersSeeTheIndexOfTheNewListAndTheOrderIsLocationThenId() {
        StationsViewModel state = new StationsViewModel();
        List<Integer> seen = new ArrayList<>();
        state.stations().addListener((ListChangeListener<Station>) c -> seen.add(state.stationsAt("L1").size()));
        state.replaceAll(List.of(st("B-2", "L1", "Бета", StationStatus.AVAILABLE), st("A-1", "L2", "Альфа", StationStatus.OCCUPIED),
                st("B-1", "L1", "Бета", StationStatus.OFFLINE)));
        assertEquals(List.of(2), seen, "the index was ready when the listener ran");
        assertEquals(List.of("A-1", "B-1", "B-2"), state.stations().stream().map(Station::id).toList());
        assertEquals(List.of("B-1", "B-2"), state.stationsAt("L1").stream().map(Station::id).toList());
    }

    @Test
    void aBurstIsOneChangeAndAMovedStationIsFoundAtItsNewLocation() {
        StationsViewModel state = new StationsViewModel();
        state.replaceAll(List.of(st("A-1", "L1", "Альфа", StationStatus.AVAILABLE), st("A-2", "L1", "Альфа", StationStatus.AVAILABLE)));
        int[] changes = {0};
        List<Integer> atL2 = new ArrayList<>();
        state.stations().addListener((ListChangeListener<Station>) c -> {
            changes[0]++;
            atL2.add(state.stationsAt("L2").size());
        });
        state.upsert(List.of(st("A-1", "L1", "Альфа", StationStatus.OCCUPIED), st("A-2", "L2", "Гамма", StationStatus.OFFLINE),
                st("C-1", "L2", "Гамма", StationStatus.AVAILABLE)));
        assertEquals(1, changes[0], "one change event for the whole batch");
        assertEquals(List.of(2), atL2);
        assertEquals(StationStatus.OCCUPIED, state.station("A-1").status());
        assertEquals(List.of("A-1"), state.stationsAt("L1").stream().map(Station::id).toList());
    }
}

package kg.evpower.console.stations;

import java.util.List;
import kg.evpower.console.i18n.PlaceNames;

/** Labels drawn on the offline basemap: Kyrgyzstan's cities and the neighbouring countries, in the UI language. */
public final class MapCities {

    /** A label: name, position, and whether it is the capital. */
    public record Place(String name, double lat, double lon, boolean capital) {
    }

    /** A place by its Russian name (translated through {@link PlaceNames}) and position. */
    private record Entry(String ru, double lat, double lon, boolean capital) {
        String name(String lang) {
            return PlaceNames.in(ru, lang);
        }
    }

    private static final List<Entry> CITIES = List.of(
            new Entry("Бишкек", 42.8746, 74.5698, true), new Entry("Ош", 40.5283, 72.7985, false),
            new Entry("Джалал-Абад", 40.9333, 73.0017, false), new Entry("Каракол", 42.4907, 78.3936, false),
            new Entry("Чолпон-Ата", 42.6490, 77.0820, false), new Entry("Нарын", 41.4287, 75.9911, false),
            new Entry("Талас", 42.5228, 72.2427, false), new Entry("Баткен", 40.0628, 70.8194, false),
            new Entry("Токмок", 42.8419, 75.3015, false), new Entry("Балыкчы", 42.4600, 76.1870, false),
            new Entry("Кара-Балта", 42.8140, 73.8480, false), new Entry("Узген", 40.7699, 73.3007, false));

    private static final List<Entry> COUNTRIES = List.of(
            new Entry("Казахстан", 44.2, 75.0, false), new Entry("Узбекистан", 41.0, 68.2, false),
            new Entry("Таджикистан", 38.7, 71.0, false), new Entry("Китай", 40.0, 79.5, false));

    private MapCities() {
    }

    public static List<Place> cities(String lang) {
        return CITIES.stream().map(e -> new Place(e.name(lang), e.lat(), e.lon(), e.capital())).toList();
    }

    public static List<Place> countries(String lang) {
        return COUNTRIES.stream().map(e -> new Place(e.name(lang), e.lat(), e.lon(), false)).toList();
    }
}

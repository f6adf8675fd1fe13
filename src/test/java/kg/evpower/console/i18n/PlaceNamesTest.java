package kg.evpower.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import kg.evpower.console.fx.Formats;
import org.junit.jupiter.api.Test;

/** The server's Russian city names, shown in the UI language in tables as on the map. */
class PlaceNamesTest {

    @Test
    void knownPlacesFollowTheLanguage_unknownOnesStayAsTheServerNamedThem() {
        assertEquals("Bishkek", PlaceNames.in("Бишкек", "en"));
        assertEquals("Өзгөн", PlaceNames.in("Узген", "ky"));
        assertEquals("Ош", PlaceNames.in("Osh", "ru"), "whatever language the server used");
        assertEquals("Нарын", PlaceNames.in(" Нарын ", "ky"));
        assertEquals("Кочкор", PlaceNames.in("Кочкор", "en"), "not in our list: as given, never guessed");
        assertNull(PlaceNames.in(null, "en"));
        assertEquals("Jalal-Abad", new Formats(new Messages("en")).city("Джалал-Абад"));
        assertEquals("Джалал-Абад", new Formats(new Messages("ru")).city("Джалал-Абад"));
    }
}

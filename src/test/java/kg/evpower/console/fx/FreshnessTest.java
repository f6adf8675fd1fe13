package kg.evpower.console.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** What a live view's banner says and when: the time of the data on screen, never the time of the last attempt. */
class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z"); // 14:00 in Bishkek

    @Test
    void aFailedReadKeepsTheTimeOfTheLastGoodOne_andTheBannerGoesWhenAReadSucceeds() {
        Freshness f = new Freshness();
        f.arrived(T0);
        f.lost("server", "Сервер не отвечает");
        assertTrue(f.downProperty().get());
        assertEquals(T0, f.asOfProperty().get());
        Messages ru = new Messages("ru");
        assertEquals("Сервер не отвечает. Данные на 14:00:00 и могут быть устаревшими.", StaleBanner.text(f, ru, new Formats(ru)));
        f.arrived(T0.minusSeconds(5)); // an older answer does not move the time back
        assertEquals(T0, f.asOfProperty().get());
        f.back("server");
        assertFalse(f.downProperty().get());
        assertEquals("", f.whyProperty().get());
    }

    @Test
    void aDroppedFeedWasCurrentUntilItDropped_notUntilItsLastMessage() {
        Freshness f = new Freshness();
        f.feedUp("feed", T0);
        f.feedDown("feed", "Live station updates interrupted", T0.plusSeconds(600));
        assertEquals(T0.plusSeconds(600), f.asOfProperty().get(), "nothing changed while it was connected: the data was current");
        f.feedDown("feed", "Live station updates interrupted", T0.plusSeconds(900)); // every retry reports it again
        assertEquals(T0.plusSeconds(600), f.asOfProperty().get(), "a retry that fails is not data");
        f.lost("server", "No connection to the server");
        assertEquals("Live station updates interrupted; No connection to the server", f.whyProperty().get());
        f.feedUp("feed", T0.plusSeconds(960));
        assertTrue(f.downProperty().get(), "the server is still lost");
        f.back("server");
        assertFalse(f.downProperty().get());
    }

    @Test
    void beforeAnyDataTheBannerSaysThereIsNone() {
        Freshness f = new Freshness();
        f.lost("server", "");
        assertNull(f.asOfProperty().get());
        Messages en = new Messages("en");
        assertEquals("No connection to the server. No data yet.", StaleBanner.text(f, en, new Formats(en)));
    }
}

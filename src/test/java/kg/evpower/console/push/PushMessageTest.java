package kg.evpower.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import kg.evpower.console.i18n.Messages;
import kg.evpower.sandbox.server.push.PushService;
import org.junit.jupiter.api.Test;

/** The composed message: its exact payload, byte for byte the one the sandbox builds from the same request; limits. */
class PushMessageTest {

    @Test
    void thePayloadIsTheOneTheServerBuildsFromTheSameRequest() {
        Instant at = Instant.parse("2026-11-23T04:05:06.789Z");
        PushMessage m = new PushMessage("  Станция «Ала-Тоо» \"тест\"  ", "Строка 1\nстрока 2 — ок", " /stations/EVP-1 ");
        String server = PushService.payload(m.title(), m.body(), m.data(at), PushMessage.TAG, false);
        assertEquals(server, m.payload(at));
        assertEquals("{\"title\":\"Станция «Ала-Тоо» \\\"тест\\\"\",\"body\":\"Строка 1\\nстрока 2 — ок\",\"icon\":\"/logo-192.png\","
                + "\"badge\":\"/logo-96.png\",\"data\":{\"type\":\"test\",\"url\":\"/stations/EVP-1\",\"timestamp\":\"2026-11-23T04:05:06Z\"},"
                + "\"tag\":\"evpower-test\"}", m.payload(at));
        assertEquals(m.payload(at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length, m.bytes(at));
        Map<String, Object> noUrl = new PushMessage("a", "b", "  ").data(at);
        assertFalse(noUrl.containsKey("url"));
    }

    @Test
    void whatCannotBeSentSaysWhy() {
        assertNull(new PushMessage("t", "b", null).problem());
        assertEquals("push.problem.title", new PushMessage(" ", "b", null).problem());
        assertEquals("push.problem.body", new PushMessage("t", "", null).problem());
        assertEquals("push.problem.url", new PushMessage("t", "b", "javascript:alert(1)").problem());
        assertEquals("push.problem.url", new PushMessage("t", "b", "//evil.example/x").problem());
        assertNull(new PushMessage("t", "b", "https://evpower.kg/app").problem());
        assertEquals("push.problem.size", new PushMessage("t", "ж".repeat(1900), null).problem());
        assertNull(new PushMessage("t", "ж".repeat(1800), null).problem());
    }

    @Test
    void everyTemplateExistsInEachLanguageAndFits() {
        for (String lang : PushTemplates.LANGUAGES) {
            for (String id : PushTemplates.IDS) {
                PushMessage m = PushTemplates.message(id, lang, "/");
                assertNull(m.problem(), lang + " " + id);
                assertFalse(m.title().startsWith("!"), lang + " " + id);
            }
        }
        assertTrue(PushTemplates.message("check", "ky", null).title().contains("билдирмелерин"));
        assertTrue(PushTemplates.message("check", "en", null).title().startsWith("EvPower"));
    }

    @Test
    void devicesAreNamedAsPeopleKnowThem() {
        Messages ru = new Messages("ru");
        assertEquals("Chrome · Windows", Devices.describe(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", ru));
        assertEquals("Safari · iPhone", Devices.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", ru));
        assertEquals("Firefox · Linux", Devices.describe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", ru));
        assertEquals("Edge · Windows", Devices.describe("Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0", ru));
        assertEquals("Chrome · Android", Devices.describe("Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36", ru));
        assertEquals(ru.get("push.device.unknown"), Devices.describe(null, ru));
        assertEquals("curl/8.5", Devices.describe("curl/8.5", ru));
        assertEquals("Google FCM", Devices.service("fcm.googleapis.com"));
        assertEquals("Mozilla Push", Devices.service("updates.push.services.mozilla.com"));
        assertEquals("Apple Push", Devices.service("web.push.apple.com"));
        assertEquals("Microsoft WNS", Devices.service("wns2-par02p.notify.windows.com"));
        assertEquals("127.0.0.1:8080", Devices.service("127.0.0.1:8080"));
    }
}

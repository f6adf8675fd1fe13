package kg.evpower.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The backend's messages from the contract, in the UI's language with the server's words beside them. */
class ServerTextsTest {

    private final Messages en = new Messages("en");

    @Test
    void knownMessagesAreTranslatedWithTheirNumbers_unknownOnesAndRussianStayAsTheServerSaidThem() {
        assertEquals("Wrong code, 2 attempts left (server: «Неверный код. Осталось попыток: 2»)",
                ServerTexts.say(en, "Неверный код. Осталось попыток: 2"));
        assertEquals(en.format("server.detail", en.get("server.otp.expired"), "Код не найден или истек. Запросите новый код."),
                ServerTexts.say(en, "Код не найден или истек. Запросите новый код."));
        assertEquals(en.format("server.detail", en.get("error.rate"), "Rate limit exceeded (critical)"),
                ServerTexts.say(en, "Rate limit exceeded (critical)"));
        assertEquals("Станция занята", ServerTexts.say(en, "Станция занята"), "not in the contract's list: as given");
        assertEquals("Неверный код. Осталось попыток: 2", ServerTexts.say(new Messages("ru"), "Неверный код. Осталось попыток: 2"));
        assertEquals("Бердиң код туура эмес", ServerTexts.say(new Messages("ky"), "Бердиң код туура эмес"));
    }
}

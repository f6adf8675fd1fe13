package kg.evpower.console.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** One number and money form per language, the same on every screen. */
class FormatsTest {

    private static String plain(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void numbersAndMoneyTakeTheLanguagesDecimalMarkAndGrouping() {
        Formats ru = new Formats(new Messages("ru"));
        Formats en = new Formats(new Messages("en"));
        assertEquals("28,59", ru.decimal(new BigDecimal("28.59")));
        assertEquals("28.59", en.decimal(new BigDecimal("28.59")));
        assertEquals("1 234,5", plain(ru.decimal(new BigDecimal("1234.500"))), "no trailing zeros");
        assertEquals("1,234.5", en.decimal(new BigDecimal("1234.5")));
        assertEquals("6 981,66", plain(ru.som(new BigDecimal("6981.655"))), "money to the tyiyn, rounded half up");
        assertEquals("6,981.66", en.som(new BigDecimal("6981.655")));
        assertEquals("7,4", ru.power1(new BigDecimal("7.36")));
        assertEquals("22", ru.power(new BigDecimal("22.0")));
        assertEquals("13,5", ru.money(new BigDecimal("13.50")));
        assertEquals("—", ru.decimal(null));
        Formats ky = new Formats(new Messages("ky"));
        assertEquals(plain(ru.som(new BigDecimal("1500"))), plain(ky.som(new BigDecimal("1500"))), "Kyrgyz writes numbers as Russian does");
    }
}

package kg.evpower.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StationStatus;
import org.junit.jupiter.api.Test;

/** Russian, English and Kyrgyz carry the same keys, every pattern parses, and enum labels exist in each language. */
class MessagesTest {

    private static Set<String> keys(Messages m) {
        return new TreeSet<>(Collections.list(m.bundle().getKeys()));
    }

    /** One bundle file as written, without the Russian base a ResourceBundle falls back to (which would hide a missing key). */
    private static java.util.Properties file(String lang) throws java.io.IOException {
        String name = "/kg/evpower/console/i18n/messages" + (lang.equals("ru") ? "" : "_" + lang) + ".properties";
        java.util.Properties p = new java.util.Properties();
        try (var in = new java.io.InputStreamReader(MessagesTest.class.getResourceAsStream(name), java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyFileHasEveryKeyAndEveryStringIsAPatternWithoutQuotingMistakes() throws Exception {
        Set<String> ru = file("ru").stringPropertyNames();
        for (String lang : new String[] {"ru", "en", "ky"}) {
            java.util.Properties p = file(lang);
            Set<String> missing = new TreeSet<>(ru);
            missing.removeAll(p.stringPropertyNames());
            assertEquals(Set.of(), missing, lang + " lacks (a ResourceBundle would show Russian instead)");
            for (String k : p.stringPropertyNames()) {
                String v = p.getProperty(k);
                new MessageFormat(v); // throws when a brace is not a well-formed argument
                // an apostrophe is '' (one on screen) or quotes a brace ('{z}'); a lone one would swallow the text after it
                String rest = v.replace("''", "").replaceAll("'\\{[^']*\\}'", "");
                assertFalse(rest.contains("'"), lang + " " + k + ": a lone apostrophe: " + v);
            }
        }
    }

    @Test
    void getShowsWhatFormatShows() {
        Messages en = new Messages("en");
        assertEquals("Google's script did not load — no network?", en.get("map.failure.noScript"));
        assertEquals(en.format("map.failure.noScript"), en.get("map.failure.noScript"));
        assertTrue(en.get("sessions.totals.runningOnly").contains("today's"), "no doubled apostrophe on screen");
        assertTrue(en.get("map.settings.tiles.hint").contains("/{z}/{x}/{y}.png"), "quoted braces shown as braces");
        assertEquals("!no.such.key!", en.get("no.such.key"));
    }

    @Test
    void allLanguagesHaveTheSameKeys() {
        Set<String> ru = keys(new Messages("ru"));
        assertTrue(ru.size() > 80, "bundle loaded: " + ru.size());
        for (String lang : new String[] {"en", "ky"}) {
            Set<String> other = keys(new Messages(lang));
            Set<String> missing = new TreeSet<>(ru);
            missing.removeAll(other);
            Set<String> extra = new TreeSet<>(other);
            extra.removeAll(ru);
            assertEquals(Set.of(), missing, lang + " lacks");
            assertEquals(Set.of(), extra, lang + " has keys Russian lacks");
        }
    }

    @Test
    void everyPatternParsesAndEnumsAreLabelled() {
        for (String lang : new String[] {"ru", "en", "ky"}) {
            Messages m = new Messages(lang);
            for (String k : keys(m)) {
                if (m.get(k).matches("(?s).*\\{\\d.*")) {
                    new MessageFormat(m.get(k), m.locale()); // a pattern (used with format): throws when broken
                }
                assertFalse(m.get(k).isBlank(), lang + " " + k);
            }
            for (StationStatus s : StationStatus.values()) {
                assertFalse(m.get("station." + s.name().toLowerCase()).startsWith("!"), lang + " " + s);
            }
            for (kg.evpower.console.payments.FindingClass c : kg.evpower.console.payments.FindingClass.values()) {
                assertFalse(m.format("recon.class." + c.name()).startsWith("!"), lang + " " + c);
                assertFalse(m.format("recon.action." + c.name()).startsWith("!"), lang + " " + c);
            }
            for (Role r : Role.values()) {
                assertFalse(m.get("role." + r.name().toLowerCase()).startsWith("!"), lang + " " + r);
            }
            for (kg.evpower.console.push.PushHistory.State s : kg.evpower.console.push.PushHistory.State.values()) {
                assertFalse(m.get("push.state." + s.name().toLowerCase()).startsWith("!"), lang + " " + s);
            }
            for (kg.evpower.console.domain.PushSubscription.Audience a : kg.evpower.console.domain.PushSubscription.Audience.values()) {
                assertFalse(m.get("push.audience." + a.name().toLowerCase()).startsWith("!"), lang + " " + a);
            }
            for (kg.evpower.console.people.PeopleListViewModel.RoleFilter r : kg.evpower.console.people.PeopleListViewModel.RoleFilter.values()) {
                assertFalse(m.get("people.filter.role." + r.name().toLowerCase()).startsWith("!"), lang + " " + r);
            }
            for (kg.evpower.console.people.PeopleListViewModel.ActiveFilter a : kg.evpower.console.people.PeopleListViewModel.ActiveFilter.values()) {
                assertFalse(m.get("people.filter.active." + a.name().toLowerCase()).startsWith("!"), lang + " " + a);
            }
            for (String id : kg.evpower.console.push.PushTemplates.IDS) {
                for (String part : new String[] {"", ".title", ".body"}) {
                    assertFalse(m.get("push.tpl." + id + part).startsWith("!"), lang + " " + id + part);
                }
            }
        }
    }

    @Test
    void russianIsTheDefaultWhateverTheOsSays() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.ENGLISH);
            assertEquals("Войти", new Messages("ru").get("login.submit"));
            assertEquals("Войти", new Messages(null).get("login.submit"));
            assertEquals("Sign in", new Messages("en").get("login.submit"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}

package kg.evpower.console.push;

import java.util.List;
import kg.evpower.console.i18n.Messages;

/**
 * The ready-made test messages, each in Russian, English and Kyrgyz (the message bundles' {@code push.tpl.<id>.title}
 * and {@code .body}); the operator picks one and the language of the owner, and may edit the text after.
 */
public final class PushTemplates {

    public static final List<String> IDS = List.of("check", "session", "offline", "maintenance");
    public static final List<String> LANGUAGES = List.of("ru", "en", "ky");

    private PushTemplates() {
    }

    /** Template {@code id} in {@code language}, leading to {@code url}. */
    public static PushMessage message(String id, String language, String url) {
        if (!IDS.contains(id) || !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("no template " + id + " in " + language);
        }
        Messages m = new Messages(language);
        return new PushMessage(m.get("push.tpl." + id + ".title"), m.get("push.tpl." + id + ".body"), url);
    }
}

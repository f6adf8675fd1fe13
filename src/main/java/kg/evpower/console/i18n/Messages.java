package kg.evpower.console.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's strings: Russian by default (the base bundle is Russian), English and Kyrgyz bundles beside it.
 * The OS locale never picks the language; the settings do.
 */
public final class Messages {

    private static final String BUNDLE = "kg.evpower.console.i18n.messages";
    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(String language) {
        this.locale = language == null || language.isBlank() || language.equals("ru") ? Locale.ROOT : Locale.forLanguageTag(language);
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public Locale locale() {
        return locale == Locale.ROOT ? Locale.forLanguageTag("ru") : locale;
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale()).format(args);
    }
}

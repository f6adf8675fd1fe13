package kg.evpower.console.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's strings: Russian by default (the base bundle is Russian), English and Kyrgyz bundles beside it.
 * The OS locale never picks the language; the settings do. One rule for every string: each is a
 * {@link MessageFormat} pattern, shown through it whether it has arguments or not, so an apostrophe is written
 * {@code ''} and a literal brace quoted ({@code '{z}'}) everywhere, and {@link #get} shows what {@link #format} would.
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

    /** The string for {@code key}, as {@link #format} shows it with no arguments ({@code !key!} when there is none). */
    public String get(String key) {
        String pattern = pattern(key);
        if (pattern == null) {
            return "!" + key + "!";
        }
        // nothing to unquote or fill in: the pattern is its own text
        return pattern.indexOf('\'') < 0 && pattern.indexOf('{') < 0 ? pattern : new MessageFormat(pattern, locale()).format(new Object[0]);
    }

    public String format(String key, Object... args) {
        String pattern = pattern(key);
        return pattern == null ? "!" + key + "!" : new MessageFormat(pattern, locale()).format(args);
    }

    /** The pattern as the bundle holds it, or null. */
    String pattern(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}

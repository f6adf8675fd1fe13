package kg.evpower.console.domain;

import java.util.Locale;

/** Reading an enum from the wire leniently: any case, surrounding blanks; anything unknown or missing is the fallback. */
final class WireEnums {

    private WireEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, E fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}

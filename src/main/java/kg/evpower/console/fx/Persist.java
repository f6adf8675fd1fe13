package kg.evpower.console.fx;

import javafx.beans.property.Property;
import kg.evpower.console.settings.Remembered;

/** Binds a view model's property to a remembered setting: starts from the saved value, saves every change. */
public final class Persist {

    private Persist() {
    }

    /** Starts {@code p} from what is remembered under {@code key} (else {@code fallback}, when not null) and remembers every change. */
    public static <T> void bind(Property<T> p, Remembered remembered, String key, Class<T> type, T fallback) {
        T saved = remembered.get(key, type);
        if (saved != null) {
            p.setValue(saved);
        } else if (fallback != null) {
            p.setValue(fallback);
        }
        p.addListener((o, a, b) -> remembered.put(key, b));
    }
}

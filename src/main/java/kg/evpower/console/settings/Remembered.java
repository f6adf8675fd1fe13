package kg.evpower.console.settings;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * What a feature remembers between runs, by key, in the settings file beside the shell's own settings. A value
 * that cannot be read as asked (a newer console's, a hand edit) reads as "not set" and stays in the file until it is
 * replaced; every {@link #put} saves the settings (debounced). The keys are the feature's own.
 */
public interface Remembered {

    /** The value under {@code key}, or null when there is none or it does not read as {@code type}. */
    <T> T get(String key, Class<T> type);

    <T> T get(String key, TypeReference<T> type);

    /** Remembers {@code value} under {@code key} ({@code null} forgets it) and saves. */
    void put(String key, Object value);
}

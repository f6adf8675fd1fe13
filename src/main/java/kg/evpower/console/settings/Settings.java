package kg.evpower.console.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console remembers between runs: the shell's own settings (server profiles, language, theme, window) as
 * fields, and each feature's part through {@link Remembered}. Mutable bean for Jackson; copied on the FX thread only.
 * The sandbox profile is always present and is the default when nothing is configured.
 */
public final class Settings {

    /** What the features remember ({@link Remembered}), kept as written: top-level keys this class does not name. */
    private final java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> features = new java.util.TreeMap<>();

    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    /** A server to connect to. {@code url} is null for the built-in sandbox. */
    /**
     * A server to talk to: {@code url} null for the built-in sandbox; {@code gateway} the operator gateway EvPower's
     * administrators run beside that server (the operator API on today's backend), or null.
     */
    public record Profile(String id, String name, String url, String gateway) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public Profile {
        }

        public Profile(String id, String name, String url) {
            this(id, name, url, null);
        }
    }

    public String selectedProfile = SANDBOX;
    public List<Profile> customProfiles = new ArrayList<>();
    public String language = "ru";
    public boolean darkTheme = false;
    public String lastPhone;
    /** The view shown last ("overview", "map"). */
    public String lastView;
    public double windowWidth = 1280;
    public double windowHeight = 800;

    @com.fasterxml.jackson.annotation.JsonAnySetter
    void feature(String key, com.fasterxml.jackson.databind.JsonNode value) {
        if (value == null || value.isNull()) {
            features.remove(key);
        } else {
            features.put(key, value);
        }
    }

    @com.fasterxml.jackson.annotation.JsonAnyGetter
    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> features() {
        return features;
    }

    com.fasterxml.jackson.databind.JsonNode feature(String key) {
        return features.get(key);
    }

    public static List<Profile> builtIn() {
        return List.of(new Profile(SANDBOX, null, null), new Profile(PRODUCTION, "EvPower (ocpp.evpower.kg)", "https://ocpp.evpower.kg"));
    }

    public List<Profile> allProfiles() {
        List<Profile> all = new ArrayList<>(builtIn());
        all.addAll(customProfiles);
        return all;
    }

    public Profile profile() {
        return allProfiles().stream().filter(p -> p.id().equals(selectedProfile)).findFirst().orElse(builtIn().get(0));
    }
}

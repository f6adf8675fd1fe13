package kg.evpower.console.settings;

import kg.evpower.console.platform.AtomicFiles;
import kg.evpower.console.platform.OsFolders;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings as JSON in the OS's config folder, written atomically (temp file, then move). A file that cannot be
 * read — half-written, hand-edited badly — is kept aside as {@code settings.json.broken} and defaults are used, so
 * nothing is lost and the console still starts.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // a value a newer or older console wrote (an enum we do not know) becomes "not set", not a lost file
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // time zones of statement mappings
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    private String problem;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/evpower-console}, {@code %APPDATA%\EvPower Console}, or ~/Library/Application Support. */
    public static Path defaultFolder() {
        return OsFolders.of("APPDATA", "EvPower Console", "Application Support/EvPower Console", "XDG_CONFIG_HOME", ".config",
                "evpower-console");
    }

    /** {@code $XDG_CACHE_HOME/evpower-console} (or the OS's equivalent): things that may be thrown away, like tiles. */
    public static Path cacheFolder() {
        return OsFolders.of("LOCALAPPDATA", "EvPower Console/cache", "Caches/EvPower Console", "XDG_CACHE_HOME", ".cache",
                "evpower-console");
    }

    public Path file() {
        return file;
    }

    /** Why the stored settings could not be used, or null. */
    public String problem() {
        return problem;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return new Settings();
        }
        try {
            Settings s = json.readValue(file.toFile(), Settings.class);
            return s == null ? new Settings() : normalise(s);
        } catch (IOException | RuntimeException e) {
            // valid JSON of the wrong shape fails as surely as a half-written file: either way, kept aside, defaults used
            problem = e.getMessage();
            Path aside = file.resolveSibling(file.getFileName() + ".broken");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not keep the unreadable settings aside: {}", moveFailed.toString());
            }
            LOG.warn("settings file {} is unreadable ({}); kept as {} and using defaults", file, e.getMessage(), aside);
            return new Settings();
        }
    }

    /** The languages the console speaks. */
    static final java.util.Set<String> LANGUAGES = java.util.Set.of("ru", "en", "ky");

    /**
     * Makes settings that parsed into what the console can start on: no null lists, no profile without an id or an
     * address (dropped, logged), the chosen profile one that exists, a language it speaks, a window that fits a screen.
     */
    static Settings normalise(Settings s) {
        List<Settings.Profile> kept = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        Settings.builtIn().forEach(p -> ids.add(p.id()));
        for (Settings.Profile p : s.customProfiles == null ? List.<Settings.Profile>of() : s.customProfiles) {
            if (p == null || p.id() == null || p.id().isBlank() || p.url() == null || p.url().isBlank() || !ids.add(p.id())) {
                LOG.warn("settings: server profile {} dropped (no id, no address, or an id used twice)", p);
                continue;
            }
            kept.add(p);
        }
        s.customProfiles = kept;
        if (s.selectedProfile == null || s.allProfiles().stream().noneMatch(p -> p.id().equals(s.selectedProfile))) {
            s.selectedProfile = Settings.SANDBOX;
        }
        if (s.language == null || !LANGUAGES.contains(s.language)) {
            s.language = "ru";
        }
        s.windowWidth = sane(s.windowWidth, 1280);
        s.windowHeight = sane(s.windowHeight, 800);
        return s;
    }

    /** A window side between 400 and 10,000 px; anything else (NaN, negative, absurd) is the default. */
    private static double sane(double v, double fallback) {
        return Double.isFinite(v) && v >= 400 && v <= 10_000 ? v : fallback;
    }

    /** A deep copy, so the FX thread can go on changing its settings while a copy is written elsewhere. */
    public Settings copy(Settings settings) {
        return json.convertValue(settings, Settings.class);
    }

    /**
     * The features' view of {@code settings}: values by key, converted by this store's mapper; every put runs
     * {@code changed} (the console's debounced save). FX thread, as the settings themselves.
     */
    public Remembered remembered(Settings settings, Runnable changed) {
        return new Remembered() {
            @Override
            public <T> T get(String key, Class<T> type) {
                return read(key, node -> json.convertValue(node, type));
            }

            @Override
            public <T> T get(String key, com.fasterxml.jackson.core.type.TypeReference<T> type) {
                return read(key, node -> json.convertValue(node, type));
            }

            private <T> T read(String key, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, T> convert) {
                com.fasterxml.jackson.databind.JsonNode node = settings.feature(key);
                if (node == null || node.isNull()) {
                    return null;
                }
                try {
                    return convert.apply(node);
                } catch (IllegalArgumentException e) {
                    LOG.info("setting {} is not readable here ({}); left as it is", key, e.getMessage());
                    return null;
                }
            }

            @Override
            public void put(String key, Object value) {
                settings.feature(key, value == null ? null : json.valueToTree(value));
                changed.run();
            }
        };
    }

    private java.util.concurrent.ScheduledFuture<?> pendingSave;

    /**
     * Saves a copy of {@code settings} on {@code scheduler}, debounced: typing in a filter writes the file once,
     * 400 ms after the last key, not once per key. Call on the thread that changes the settings (FX).
     */
    public synchronized void saveSoon(Settings settings, java.util.concurrent.ScheduledExecutorService scheduler) {
        Settings copy = copy(settings);
        if (pendingSave != null) {
            pendingSave.cancel(false);
        }
        pendingSave = scheduler.schedule(() -> {
            try {
                save(copy);
            } catch (IOException e) {
                LOG.warn("settings not saved: {}", e.toString());
            }
        }, 400, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Saves now, whatever is pending (on exit); a failure is logged. */
    public synchronized void saveNow(Settings settings) {
        if (pendingSave != null) {
            pendingSave.cancel(false);
        }
        try {
            save(settings);
        } catch (IOException e) {
            LOG.warn("settings not saved: {}", e.toString());
        }
    }

    public synchronized void save(Settings settings) throws IOException {
        AtomicFiles.write(file, out -> json.writeValue(out, settings));
    }
}

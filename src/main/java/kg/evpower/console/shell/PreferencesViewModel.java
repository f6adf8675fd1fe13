package kg.evpower.console.shell;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kg.evpower.console.settings.Settings;

/**
 * What the operator can change before and after signing in: the server profile (built-in sandbox, EvPower,
 * custom URLs), the language and the light/dark theme. The composition root listens to these properties and
 * persists them; the views only bind.
 */
public final class PreferencesViewModel {

    /** The languages the console ships bundles for, in the order shown. */
    public static final List<String> LANGUAGES = List.of("ru", "en", "ky");

    private final ObservableList<Settings.Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Settings.Profile> selected = new SimpleObjectProperty<>();
    private final StringProperty language = new SimpleStringProperty();
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public PreferencesViewModel(Settings settings) {
        profiles.setAll(settings.allProfiles());
        selected.set(settings.profile());
        language.set(LANGUAGES.contains(settings.language) ? settings.language : "ru");
        dark.set(settings.darkTheme);
    }

    public ObservableList<Settings.Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Settings.Profile> selectedProperty() {
        return selected;
    }

    public StringProperty languageProperty() {
        return language;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The chosen server; the sandbox when none is. */
    public Settings.Profile profile() {
        Settings.Profile p = selected.get();
        return p == null ? Settings.builtIn().get(0) : p;
    }

    /** Runs {@code action} after every change of a preference (to save them). */
    public void changed(Runnable action) {
        dark.addListener((o, a, b) -> action.run());
        language.addListener((o, a, b) -> action.run());
        selected.addListener((o, a, b) -> action.run());
        profiles.addListener((javafx.collections.ListChangeListener<Settings.Profile>) c -> action.run());
    }

    public static boolean isCustom(Settings.Profile p) {
        return p != null && Settings.builtIn().stream().noneMatch(b -> b.id().equals(p.id()));
    }

    /**
     * The server URL as the console will use it (scheme, host, optional port and path, no trailing slash), or null
     * when it is not an http(s) URL with a host.
     */
    public static String normalizeUrl(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (!t.contains("://")) {
            t = "https://" + t;
        }
        try {
            URI u = new URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getHost().isBlank()
                    || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
                return null;
            }
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() > 0 ? ":" + u.getPort() : "") + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Adds a custom server and selects it; returns it, or null when the URL is not usable. */
    public Settings.Profile addProfile(String name, String url) {
        return addProfile(name, url, null);
    }

    /**
     * Adds a custom server with the operator gateway beside it ({@code gateway} blank for none) and selects it; returns
     * it, or null when the server's URL, or a gateway's given, is not usable. The same server and gateway again selects
     * the one already there.
     */
    public Settings.Profile addProfile(String name, String url, String gateway) {
        String normalized = normalizeUrl(url);
        boolean noGateway = gateway == null || gateway.isBlank();
        String gw = noGateway ? null : normalizeUrl(gateway);
        if (normalized == null || !noGateway && gw == null) {
            return null;
        }
        var existing = profiles.stream().filter(p -> normalized.equals(p.url()) && java.util.Objects.equals(gw, p.gateway())).findFirst();
        if (existing.isPresent()) {
            selected.set(existing.get());
            return existing.get();
        }
        String shown = name == null || name.isBlank() ? URI.create(normalized).getHost() : name.trim();
        Settings.Profile p = new Settings.Profile("custom-" + UUID.randomUUID().toString().substring(0, 8), shown, normalized, gw);
        profiles.add(p);
        selected.set(p);
        return p;
    }

    /** Removes a custom server; the built-in ones stay. Selecting falls back to the sandbox. */
    public void removeProfile(Settings.Profile p) {
        if (!isCustom(p)) {
            return;
        }
        if (p.equals(selected.get())) {
            selected.set(profiles.get(0));
        }
        profiles.remove(p);
    }

    /** Writes the choices back into the settings bean. */
    public void writeTo(Settings settings) {
        settings.customProfiles = new java.util.ArrayList<>(profiles.stream().filter(PreferencesViewModel::isCustom).toList());
        settings.selectedProfile = selected.get() == null ? Settings.SANDBOX : selected.get().id();
        settings.language = language.get();
        settings.darkTheme = dark.get();
    }
}

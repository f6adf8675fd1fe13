package kg.evpower.console.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console remembers between runs. Mutable bean for Jackson; copied on the FX thread only.
 * The sandbox profile is always present and is the default when nothing is configured.
 */
public final class Settings {

    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    /** A server to connect to. {@code url} is null for the built-in sandbox. */
    public record Profile(String id, String name, String url) {
    }

    public String selectedProfile = SANDBOX;
    public List<Profile> customProfiles = new ArrayList<>();
    public String language = "ru";
    public boolean darkTheme = false;
    public String lastPhone;
    /** The map's filters, remembered between runs. */
    public kg.evpower.console.stations.StationFilter mapFilter;
    /** The map's chosen provider (null: by profile — offline for the sandbox, OpenStreetMap otherwise). */
    public kg.evpower.console.stations.MapProvider mapProvider;
    /** Street tile URL template for the OpenStreetMap provider (null: OpenStreetMap's own). */
    public String tileUrl;
    /** Google Maps JavaScript API key for the Google provider (null: none; Google then falls back to the offline map). */
    public String googleMapsKey;
    /** A local MBTiles or PMTiles file of raster street tiles drawn under the offline map (null: none). */
    public String localTiles;
    /** The view shown last ("overview", "map"). */
    public String lastView;
    /** New session problems raise no notification. */
    public Boolean muteSessionProblems;
    /** Polling mode: the sessions an operator follows by id. */
    public List<String> watchedSessions = new ArrayList<>();
    /** The reconciliation's PostgreSQL connection (never its password). */
    public kg.evpower.console.payments.PostgresMoneySource.Settings reconPostgres;
    /** The reconciliation's source last chosen (null: the operator API). */
    public kg.evpower.console.payments.MoneySource.Kind reconSource;
    /** Statement column mappings, remembered per provider. */
    public java.util.Map<String, kg.evpower.console.payments.StatementImport.Mapping> statementMappings = new java.util.HashMap<>();
    public double windowWidth = 1280;
    public double windowHeight = 800;

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

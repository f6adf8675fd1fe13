package kg.evpower.console.stations;

/** What draws the map under the markers. */
public enum MapProvider {
    /** Leaflet over the basemap shipped with the app (and local tiles when configured); needs no network. */
    OFFLINE,
    /** Leaflet over OpenStreetMap tiles (or another tile URL), cached on disk. */
    OSM,
    /** Google Maps through GMapsFX; needs an API key in the map settings and the network. */
    GOOGLE
}

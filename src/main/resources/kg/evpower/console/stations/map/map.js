// The console's map page. Java (LeafletMapView) drives it through window.evp and listens through window.evpBridge.
(function () {
  "use strict";
  let map, cluster, tiles = null, tileLoads = 0, tileErrors = 0, local = null, localBounds = null;
  const placeLabels = [];   // city and country labels; hidden where street tiles bring their own
  let colors = {}, labels = {};
  const markers = new Map();   // location id -> circle marker
  let selectedId = null;
  let fitted = false;   // the first markers frame the view; after that the operator's view is kept
  let viewTouched = false;  // the console or the operator moved the view: no automatic framing any more

  function bridge() { return window.evpBridge; }
  function report(kind, text) { try { const b = bridge(); if (b) b[kind](String(text)); } catch (e) { /* the console is gone */ } }
  window.onerror = function (msg, src, line) { report("jsError", msg + " @" + line); };

  function style(status, selected) {
    return { radius: selected ? 11 : 7, color: selected ? "#111827" : "#ffffff", weight: selected ? 3 : 1.5,
             fillColor: colors[status] || colors.unknown || "#888", fillOpacity: 1, opacity: 1 };
  }

  // Leaflet computes zooms from the container's size: wait until the WebView has been laid out.
  function whenSized(fn, tries) {
    map.invalidateSize(false);
    const size = map.getSize();
    if (size.x > 0 && size.y > 0) { fn(); return; }
    if ((tries || 0) < 100) setTimeout(() => whenSized(fn, (tries || 0) + 1), 100);
  }

  const ORDER = ["available", "partial", "occupied", "faulted", "maintenance", "offline", "unknown"];

  function countsOf(markerList) {
    const counts = {};
    for (const m of markerList) counts[m.options.evpStatus] = (counts[m.options.evpStatus] || 0) + 1;
    return counts;
  }

  // A donut: one arc per status, the number of locations in the middle. Drawn as an <img> of an SVG, cached per
  // look: WebKit keeps a decoded image of it, so a pan repaints a bitmap instead of re-rendering vector paths.
  const iconCache = new Map();
  function clusterIcon(c) {
    const counts = countsOf(c.getAllChildMarkers());
    const total = c.getChildCount();
    const size = total < 10 ? 34 : total < 100 ? 40 : 48;
    const key = size + ":" + ORDER.map((s) => counts[s] || 0).join(",");
    let icon = iconCache.get(key);
    if (icon) return icon;
    const r = size / 2 - 4, cx = size / 2, circ = 2 * Math.PI * r;
    let offset = 0, arcs = "";
    for (const s of ORDER) {
      const n = counts[s] || 0;
      if (!n) continue;
      const len = circ * n / total;
      arcs += "<circle r='" + r + "' cx='" + cx + "' cy='" + cx + "' fill='none' stroke='" + (colors[s] || "#888")
        + "' stroke-width='6' stroke-dasharray='" + len + " " + (circ - len) + "' stroke-dashoffset='" + (-offset)
        + "' transform='rotate(-90 " + cx + " " + cx + ")'/>";
      offset += len;
    }
    const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='" + size + "' height='" + size + "'>"
      + "<circle r='" + (r + 2) + "' cx='" + cx + "' cy='" + cx + "' fill='#ffffff' stroke='#9aa1ad' stroke-width='1'/>" + arcs
      + "<text x='50%' y='50%' text-anchor='middle' dominant-baseline='central' font-family='DejaVu Sans, sans-serif'"
      + " font-weight='700' font-size='12' fill='#1f2328'>" + total + "</text></svg>";
    const title = ORDER.filter((s) => counts[s]).map((s) => (labels[s] || s) + ": " + counts[s]).join(", ");
    const html = '<img width="' + size + '" height="' + size + '" alt="' + total + '" title="' + title
      + '" data-counts=\'' + JSON.stringify(counts) + '\' src="data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg) + '">';
    icon = L.divIcon({ html: html, className: "evp-cluster", iconSize: [size, size] });
    if (iconCache.size > 5000) iconCache.clear();
    iconCache.set(key, icon);
    return icon;
  }

  // the land and the sea in the console's theme: light paper by day, dark slate with the dark theme
  const PALETTES = {
    light: { sea: "#dce6ee", focus: { line: "#7b8494", land: "#f6f3ec" }, other: { line: "#b4bac4", land: "#ebe8e1" } },
    dark: { sea: "#0f1722", focus: { line: "#8b96a8", land: "#2a3240" }, other: { line: "#4a5363", land: "#20262f" } },
  };
  let palette = PALETTES.light;
  function landStyle(f) {
    const p = f.properties.focus ? palette.focus : palette.other;
    return { color: p.line, weight: f.properties.focus ? 1.4 : 0.8, fillColor: p.land, fillOpacity: 1 };
  }
  function setDark(dark) {
    palette = dark ? PALETTES.dark : PALETTES.light;
    document.body.classList.toggle("dark", !!dark);
    document.getElementById("map").style.background = palette.sea;
    if (basemap) basemap.setStyle(landStyle);
  }

  let localLoads = 0;
  let basemap = null, basemapUnderTiles = false;
  // Without street tiles the basemap shares the markers' canvas: one canvas to repaint per frame while panning.
  // With street tiles it moves to a pane under the tile panes (z 150 < 200), so tiles cover it where there are any.
  function showBasemap(underTiles) {
    if (basemap) map.removeLayer(basemap);
    basemapUnderTiles = underTiles;
    basemap = L.geoJSON(window.EVP_BASEMAP, {
      interactive: false,
      pane: underTiles ? "basemap" : "overlayPane",
      style: landStyle,
    }).addTo(map);
    if (!underTiles) basemap.bringToBack();
  }
  // Our place names would double the ones drawn in street tiles: show them only where there are none.
  function labelsWhereNoTiles() {
    if (basemapUnderTiles !== (!!tiles || !!local)) showBasemap(!!tiles || !!local);
    for (const l of placeLabels) {
      const covered = !!tiles || (localBounds !== null && localBounds.contains(l.getLatLng()));
      if (covered && map.hasLayer(l)) map.removeLayer(l);
      else if (!covered && !map.hasLayer(l)) map.addLayer(l);
    }
  }

  function add(p) {
    const m = L.circleMarker([p.lat, p.lon], style(p.status, p.id === selectedId));
    m.options.evpId = p.id;
    m.options.evpStatus = p.status;
    m.bindTooltip(p.tip, { direction: "top", offset: [0, -6] });
    m.on("click", () => report("markerClicked", p.id));
    markers.set(p.id, m);
    return m;
  }

  // Used by the benchmark harness to drive the view the way a dragging hand does (no animation).
  window.map_pan = function (dx, dy) { map.panBy([dx, dy], { animate: false }); };
  window.map_zoom = function (d) { map.setZoom(map.getZoom() + d, { animate: false }); };

  window.evp = {
    setDark: setDark,
    init(cfg) {
      colors = cfg.colors; labels = cfg.labels;
      palette = cfg.dark ? PALETTES.dark : PALETTES.light;
      map = L.map("map", { preferCanvas: true, minZoom: 4, maxZoom: 18, zoomSnap: 0.5, attributionControl: true });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(cfg.basemapAttribution);
      map.createPane("basemap").style.zIndex = 150;
      showBasemap(false);
      setDark(!!cfg.dark);
      for (const c of cfg.countries) {
        placeLabels.push(L.marker([c.lat, c.lon], { interactive: false, keyboard: false, zIndexOffset: -1000,
          icon: L.divIcon({ className: "country-label", html: c.name, iconSize: null }) }).addTo(map));
      }
      for (const c of cfg.cities) {
        // right of the place, clear of a cluster drawn on it, and under the markers
        placeLabels.push(L.marker([c.lat, c.lon], { interactive: false, keyboard: false, zIndexOffset: c.capital ? -500 : -1000,
          icon: L.divIcon({ className: "city-label" + (c.capital ? " capital" : ""), html: c.name, iconSize: null,
                            iconAnchor: [-22, 9] }) }).addTo(map));
      }
      cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true,
        disableClusteringAtZoom: 15, chunkedLoading: true, iconCreateFunction: clusterIcon });
      map.addLayer(cluster);
      map.setView(cfg.center, cfg.zoom);
      map.on("moveend", () => report("viewChanged", JSON.stringify(evp.view())));
      return true;
    },
    setMarkers(list) {
      cluster.clearLayers();
      markers.clear();
      cluster.addLayers(list.map(add));
      if (!fitted && markers.size) { fitted = true; whenSized(() => { if (!viewTouched) evp.fit(); }); }
      return markers.size;
    },
    update(list) {
      const changed = [], fresh = [];
      for (const p of list) {
        const m = markers.get(p.id);
        if (!m) { fresh.push(add(p)); continue; }
        const ll = m.getLatLng();
        if (ll.lat !== p.lat || ll.lng !== p.lon) { cluster.removeLayer(m); m.setLatLng([p.lat, p.lon]); fresh.push(m); }
        if (m.options.evpStatus !== p.status) {
          m.options.evpStatus = p.status;
          m.setStyle(style(p.status, p.id === selectedId));
          changed.push(m);
        }
        m.setTooltipContent(p.tip);
      }
      if (fresh.length) cluster.addLayers(fresh);
      if (changed.length) cluster.refreshClusters(changed);
      return changed.length + fresh.length;
    },
    remove(ids) {
      const gone = [];
      for (const id of ids) { const m = markers.get(id); if (m) { gone.push(m); markers.delete(id); } }
      cluster.removeLayers(gone);
      return gone.length;
    },
    select(id, reveal) {
      const old = markers.get(selectedId);
      if (old) old.setStyle(style(old.options.evpStatus, false));
      selectedId = id;
      const m = markers.get(id);
      if (!m) return false;
      m.setStyle(style(m.options.evpStatus, true));
      m.bringToFront();
      if (reveal) {
        // without animation: the operator wants the place now, and WebKit's transitions can stall off screen
        const hidden = cluster.getVisibleParent(m) !== m;
        viewTouched = true;
        map.stop(); // an animation still running would put its own target back when it ends
        if (hidden || map.getZoom() < 11 || !map.getBounds().pad(-0.1).contains(m.getLatLng())) {
          map.setView(m.getLatLng(), Math.max(map.getZoom(), hidden ? 15 : 13), { animate: false });
        }
      }
      return true;
    },
    center(lat, lon, zoom) { viewTouched = true; map.setView([lat, lon], zoom || Math.max(map.getZoom(), 14)); },
    fit() {
      if (markers.size) map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 13, animate: false });
    },
    setTiles(url, attribution, maxZoom) {
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      tileLoads = 0; tileErrors = 0;
      if (!url) { labelsWhereNoTiles(); return; }
      tiles = L.tileLayer(url, { attribution: attribution, maxZoom: maxZoom || 19, crossOrigin: false });
      tiles.on("tileload", () => { tileLoads++; });
      tiles.on("tileerror", () => { tileErrors++; if (tileLoads === 0 && tileErrors >= 2) report("tilesFailed", "tile error"); });
      tiles.addTo(map);
      tiles.bringToBack();
      labelsWhereNoTiles();
    },
    // Street tiles from a local MBTiles/PMTiles file (served by the console on loopback) under the markers; bounds
    // are [west, south, east, north]. Beyond its zooms the nearest ones are scaled; outside its bounds nothing is asked.
    setLocalTiles(url, bounds, minZoom, maxZoom, attribution) {
      if (local) { map.removeLayer(local); local = null; localBounds = null; }
      if (url) {
        localBounds = L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]);
        local = L.tileLayer(url, { bounds: localBounds, minZoom: Math.max(0, minZoom - 2), minNativeZoom: minZoom,
                                   maxNativeZoom: maxZoom, maxZoom: 18, attribution: attribution });
        local.on("tileload", () => { localLoads++; });
        local.addTo(map);
      }
      labelsWhereNoTiles();
      return true;
    },
    localStats() { return JSON.stringify({ on: !!local, loads: localLoads }); },
    tileStats() { return JSON.stringify({ loads: tileLoads, errors: tileErrors }); },
    view() {
      const c = map.getCenter(), b = map.getBounds();
      return { lat: c.lat, lon: c.lng, zoom: map.getZoom(), s: b.getSouth(), w: b.getWest(), n: b.getNorth(), e: b.getEast() };
    },
    // What is on screen now: single markers and clusters with their per-status counts (for tests and diagnostics).
    visible() {
      const bounds = map.getBounds(), out = { markers: [], clusters: [] };
      cluster._featureGroup.eachLayer((l) => {
        if (!bounds.contains(l.getLatLng())) return;
        if (l instanceof L.MarkerCluster) out.clusters.push({ count: l.getChildCount(), counts: countsOf(l.getAllChildMarkers()) });
        else out.markers.push({ id: l.options.evpId, status: l.options.evpStatus });
      });
      return JSON.stringify(out);
    },
    count() { return markers.size; },
    selected() { return selectedId; },
    markerStatus(id) { const m = markers.get(id); return m ? m.options.evpStatus + "|" + m.options.fillColor : null; },
  };
})();

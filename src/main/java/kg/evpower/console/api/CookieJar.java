package kg.evpower.console.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's cookie jar, keyed by cookie name (contract §9.3): every stored cookie is sent to the configured
 * server whatever its Domain, so a hostname change does not drop the session. A deletion ({@code Max-Age=0} or an
 * expiry in the past) removes a cookie only when it names the same domain the value was stored with — production
 * clears an old {@code Domain=ocpp.evpower.kg} right before setting {@code Domain=.evpower.kg} on every login.
 */
public final class CookieJar {

    private record Entry(String value, String domain) {
    }

    private final Map<String, Entry> cookies = new LinkedHashMap<>();

    /** Applies the {@code Set-Cookie} headers of one response, in order. */
    public synchronized void accept(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            apply(header);
        }
    }

    private void apply(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = unquote(parts[0].substring(eq + 1).trim());
        String domain = null;
        boolean delete = false;
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim();
            int aeq = attr.indexOf('=');
            String key = (aeq < 0 ? attr : attr.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : attr.substring(aeq + 1).trim();
            if (key.equals("domain")) {
                domain = normalizeDomain(val);
            } else if (key.equals("max-age")) {
                try {
                    delete |= Long.parseLong(val) <= 0;
                } catch (NumberFormatException ignored) {
                    // malformed attribute: ignore it, as browsers do
                }
            }
        }
        if (delete || value.isEmpty()) {
            Entry existing = cookies.get(name);
            if (existing != null && sameDomain(existing.domain(), domain)) {
                cookies.remove(name);
            }
            return;
        }
        cookies.put(name, new Entry(value, domain));
    }

    private static boolean sameDomain(String a, String b) {
        return java.util.Objects.equals(a, b);
    }

    private static String normalizeDomain(String d) {
        String s = d.toLowerCase(Locale.ROOT);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    public synchronized Optional<String> get(String name) {
        Entry e = cookies.get(name);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** Stores a cookie as if the server had set it without a Domain (a session brought back by a script). */
    public synchronized void put(String name, String value) {
        cookies.put(name, new Entry(value, null));
    }

    public synchronized void remove(String name) {
        cookies.remove(name);
    }

    public synchronized void clear() {
        cookies.clear();
    }

    /** The {@code Cookie} request header, or empty when the jar is empty. */
    public synchronized Optional<String> header() {
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(k).append('=').append(v.value());
        });
        return Optional.of(sb.toString());
    }
}

package kg.evpower.sandbox.server.http;

import java.util.List;
import java.util.Locale;

/**
 * Whom the server believes about where a request comes from and whom it is for.
 *
 * @param allowedHosts        Host names accepted besides the loopback ones ({@code localhost}, {@code 127.x.x.x},
 *                            {@code ::1}): a page that rebinds its own name to 127.0.0.1 sends its own Host and is refused
 * @param trustedProxies      addresses whose {@code X-Forwarded-For} is believed; from anyone else the socket's address
 *                            is the client's
 * @param productionRateLimit limit as production does (contract §1.4): the first {@code X-Forwarded-For} address from
 *                            anyone, and a 429 without {@code Retry-After}; for the console's tests of production's
 *                            behaviour
 */
public record NetPolicy(List<String> allowedHosts, List<String> trustedProxies, boolean productionRateLimit) {

    public static final NetPolicy DEFAULT = new NetPolicy(List.of(), List.of(), false);

    public NetPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        trustedProxies = trustedProxies.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    public NetPolicy withAllowedHost(String host) {
        List<String> hosts = new java.util.ArrayList<>(allowedHosts);
        hosts.add(host);
        return new NetPolicy(hosts, trustedProxies, productionRateLimit);
    }

    public NetPolicy withTrustedProxy(String address) {
        List<String> proxies = new java.util.ArrayList<>(trustedProxies);
        proxies.add(address);
        return new NetPolicy(allowedHosts, proxies, productionRateLimit);
    }

    public NetPolicy withProductionRateLimit(boolean on) {
        return new NetPolicy(allowedHosts, trustedProxies, on);
    }

    /**
     * Whether a request's {@code Host} header names this server: a loopback name or address, or an allowed host (the
     * port is not looked at). A request without one (HTTP/1.0) came to the loopback socket and passes.
     */
    public boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || loopbackV4(h) || allowedHosts.contains(h);
    }

    private static boolean loopbackV4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}

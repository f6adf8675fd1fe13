package kg.evpower.console.push;

import java.util.Locale;
import kg.evpower.console.i18n.Messages;

/**
 * Names a subscription's device the way an operator (and the owner on the phone) would: browser and system from the
 * user agent the browser sent when it subscribed, and the push service from the endpoint's host.
 */
public final class Devices {

    private Devices() {
    }

    /** "Chrome · Windows"; the bare user agent's start when neither is recognised; a placeholder when there is none. */
    public static String describe(String userAgent, Messages m) {
        if (userAgent == null || userAgent.isBlank()) {
            return m.get("push.device.unknown");
        }
        String browser = browser(userAgent);
        String os = os(userAgent);
        if (browser == null && os == null) {
            String ua = userAgent.strip();
            return ua.length() > 40 ? ua.substring(0, 40) + "…" : ua;
        }
        return (browser == null ? m.get("push.device.browser") : browser) + " · " + (os == null ? m.get("push.device.os") : os);
    }

    static String browser(String ua) {
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            return "Edge";
        }
        if (ua.contains("YaBrowser/")) {
            return "Yandex Browser";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        return null;
    }

    static String os(String ua) {
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone")) {
            return "iPhone";
        }
        if (ua.contains("iPad")) {
            return "iPad";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return null;
    }

    /** The push service behind an endpoint host: Google FCM, Mozilla, Apple, Microsoft WNS, or the host itself. */
    public static String service(String host) {
        if (host == null || host.isBlank()) {
            return "";
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("fcm.googleapis.com") || h.equals("android.googleapis.com")) {
            return "Google FCM";
        }
        if (h.endsWith("push.services.mozilla.com")) {
            return "Mozilla Push";
        }
        if (h.endsWith("push.apple.com")) {
            return "Apple Push";
        }
        if (h.endsWith("notify.windows.com")) {
            return "Microsoft WNS";
        }
        return host;
    }
}

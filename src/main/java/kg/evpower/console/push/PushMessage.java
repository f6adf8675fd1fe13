package kg.evpower.console.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test push as the operator composes it, and the exact JSON the browser's service worker receives for it. The operator
 * API documents how it wraps a test (contract §8.2 format): {@code title}, {@code body}, {@code icon}
 * {@code /logo-192.png}, {@code badge} {@code /logo-96.png}, {@code data} as sent, {@code tag} {@code evpower-test},
 * compact JSON in that order. So the console can show the bytes before it sends them and check, after, that the server
 * sent those bytes.
 *
 * @param url where a click on the notification leads (the service worker opens {@code data.url}); blank for none
 */
public record PushMessage(String title, String body, String url) {

    /** The largest payload the operator API accepts, in bytes (a Web Push record holds about 4 KB). */
    public static final int MAX_BYTES = 3800;
    public static final String ICON = "/logo-192.png";
    public static final String BADGE = "/logo-96.png";
    public static final String TAG = "evpower-test";

    /** Production's own test message (contract §8.4), sent by {@code /notifications/test}; its timestamp is the server's. */
    public static final PushMessage PRODUCTION_TEST = new PushMessage("Test Notification", "This is a test push notification from EvPower", null);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PushMessage {
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.strip();
        url = url == null || url.isBlank() ? null : url.strip();
    }

    /** Why this message cannot be sent, as a message key, or null when it can. */
    public String problem() {
        if (title.isEmpty()) {
            return "push.problem.title";
        }
        if (body.isEmpty()) {
            return "push.problem.body";
        }
        if (!urlValid(url)) {
            return "push.problem.url";
        }
        return bytes(Instant.EPOCH) > MAX_BYTES ? "push.problem.size" : null;
    }

    /** Blank, a path on the app's own origin ({@code /…}), or an absolute http(s) address. */
    public static boolean urlValid(String url) {
        if (url == null || url.isBlank()) {
            return true;
        }
        String u = url.strip();
        if (u.startsWith("/") && !u.startsWith("//")) {
            return !u.contains(" ");
        }
        try {
            java.net.URI uri = new java.net.URI(u);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The notification's {@code data}: {@code type} test, the click {@code url} when there is one, and when it was sent. */
    public Map<String, Object> data(Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "test");
        if (url != null) {
            d.put("url", url);
        }
        d.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
        return d;
    }

    private Map<String, Object> tree(Instant at) {
        return tree(data(at), TAG);
    }

    /** The payload's fields in the contract's order (§8.2); no {@code tag} when it is null. */
    private Map<String, Object> tree(Map<String, Object> data, String tag) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", title);
        p.put("body", body);
        p.put("icon", ICON);
        p.put("badge", BADGE);
        p.put("data", data);
        if (tag != null) {
            p.put("tag", tag);
        }
        return p;
    }

    /** The exact payload (compact JSON) for a message sent at {@code at}. */
    public String payload(Instant at) {
        return write(JSON, tree(at));
    }

    /** The same payload laid out for reading. */
    public String pretty(Instant at) {
        return write(PRETTY, tree(at));
    }

    /** The payload's size in bytes (UTF-8). */
    public int bytes(Instant at) {
        return payload(at).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Lays out any JSON text for reading; the text itself when it is not JSON. */
    public static String pretty(String json) {
        try {
            return PRETTY.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** Production's test payload as it will look, with the server's timestamp shown as {@code placeholder}. */
    public static String productionPreview(String placeholder) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "test");
        data.put("timestamp", placeholder);
        return write(PRETTY, PRODUCTION_TEST.tree(data, null));
    }

    private static String write(ObjectMapper m, Object o) {
        try {
            return m.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package kg.evpower.console.domain;

import java.time.Instant;

/**
 * One browser's Web Push subscription as the operator API lists it (no keys, no full endpoint): whose it is, which kind
 * of events it receives, the push service's host, the browser's user agent, when it was made and last delivered to.
 */
public record PushSubscription(String id, String userId, Audience audience, String endpointHost, String userAgent, Instant created,
                               Instant lastUsed) {

    /**
     * Which events a subscription receives: {@code owner} (station events) or {@code client} (charging events, and
     * production's {@code /notifications/test}); anything else the server says is {@code OTHER}.
     */
    public enum Audience {
        OWNER, CLIENT, OTHER;

        public static Audience fromWire(String s) {
            return WireEnums.parse(Audience.class, s, OTHER);
        }

        /** The value the server takes as {@code user_type}; null for {@code OTHER}. */
        public String wire() {
            return this == OTHER ? null : name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

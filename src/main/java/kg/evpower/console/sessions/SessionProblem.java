package kg.evpower.console.sessions;

import java.time.Duration;
import java.time.Instant;

/**
 * Something wrong with a running session that an operator should look at. Each kind has a title, why it matters and
 * a recommended action in the resource bundles ({@code sessions.problem.<kind>.title|why|action}).
 *
 * @param since when the problem began (when its threshold was crossed), for ordering the queue
 */
public record SessionProblem(Kind kind, String sessionId, String stationId, Integer connectorId, Instant since) {

    /** The problem queues, in the order the view lists them. */
    public enum Kind {
        /** The station never answered the start with StartTransaction. */
        NO_TRANSACTION(Duration.ofMinutes(10)),
        /** Running longer than the backend's 12-h auto-stop. */
        TOO_LONG(Duration.ofHours(12)),
        /** A transaction but no MeterValues lately. */
        NO_METER(Duration.ofMinutes(5)),
        /** The connector says Charging but the power is 0. */
        ZERO_POWER(Duration.ofMinutes(15)),
        /** The station went offline with this session on it. */
        STATION_OFFLINE(Duration.ZERO),
        /** The session's connector reported Faulted. */
        CONNECTOR_FAULTED(Duration.ZERO),
        /** The cost so far passed the reserved amount: the client will be charged with no balance check. */
        OVER_RESERVE(Duration.ZERO);

        private final Duration threshold;

        Kind(Duration threshold) {
            this.threshold = threshold;
        }

        public Duration threshold() {
            return threshold;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

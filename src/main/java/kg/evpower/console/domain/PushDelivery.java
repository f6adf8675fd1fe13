package kg.evpower.console.domain;

/**
 * How one test push to one subscription went, as the server reports it: the push service's HTTP status (0 when it was
 * not reached), the outcome, how long the push service took, and its error text when there was one.
 */
public record PushDelivery(String subscriptionId, String endpointHost, int status, Outcome outcome, long latencyMs, String error) {

    /**
     * {@code DELIVERED}: the push service accepted it (2xx). {@code REMOVED}: it answered 404/410, the subscription is
     * gone and the server deleted it. {@code GONE}: it answered 404/410 and the server may not delete it (an operator
     * gateway on a read-only role; the row is named in {@code error}). {@code FAILED}: anything else (429, 5xx,
     * unreachable). {@code UNKNOWN}: the server named an outcome this console does not know.
     */
    public enum Outcome {
        DELIVERED, REMOVED, GONE, FAILED, UNKNOWN;

        public static Outcome fromWire(String s) {
            return WireEnums.parse(Outcome.class, s, UNKNOWN);
        }
    }
}

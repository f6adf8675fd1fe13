package kg.evpower.console.domain;

import java.util.List;

/**
 * The server's answer to a test push: how many devices it reached, its message, the exact payload it encrypted (null
 * when the server does not say, as production's {@code /notifications/test} does not) and a result per subscription
 * (empty when the server does not give them).
 */
public record PushSent(int sentTo, String message, String payload, List<PushDelivery> results) {
}

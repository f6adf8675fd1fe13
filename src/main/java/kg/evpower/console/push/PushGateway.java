package kg.evpower.console.push;

import java.time.Instant;
import java.util.List;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;

/**
 * What the notifications view asks of the server. Every method blocks (call it off the FX thread) and fails with a
 * {@link Failure} whose message is already in the operator's language.
 */
public interface PushGateway {

    /**
     * {@code OPERATOR_API}: the server has the operator API and the signed-in person may use it, so any person they may
     * reach can be chosen and each device's result is known. {@code SELF}: only production's
     * {@code /notifications/test}, to the signed-in person's own client-typed subscriptions.
     */
    enum Mode { OPERATOR_API, SELF }

    Mode mode();

    /** Everyone the signed-in person may send to: owners, superadmins and operators (superadmin), or self and own operators. */
    PeopleListing people();

    List<PushSubscription> subscriptions(String userId);

    /** A test to one subscription of {@code userId}, composed at {@code at}. */
    PushSent send(String userId, PushSubscription subscription, PushMessage message, Instant at);

    /** Production's fixed test to the signed-in person's own subscriptions. */
    PushSent sendSelf();

    /** A failure, said for the operator; {@code noSubscriptions} when the server found nothing to send to. */
    final class Failure extends RuntimeException {
        private final boolean noSubscriptions;

        public Failure(String message, boolean noSubscriptions, Throwable cause) {
            super(message, cause);
            this.noSubscriptions = noSubscriptions;
        }

        public boolean noSubscriptions() {
            return noSubscriptions;
        }
    }
}

package kg.evpower.console.push;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.i18n.ErrorTexts;

/**
 * {@link PushGateway} over the EvPower API. People are read the one way the console reads them,
 * {@link kg.evpower.console.api.PeopleApi#visibleTo}, as the people screen reads them.
 */
public final class ApiPushGateway implements PushGateway {

    private static final int PAGE = 100;

    private final EvPowerClient api;
    private final UserAccount me;
    private final ServerCapabilities caps;
    private final Mode mode;
    private final Messages m;

    public ApiPushGateway(EvPowerClient api, UserAccount me, ServerCapabilities caps, Messages m) {
        this.api = api;
        this.me = me;
        this.caps = caps;
        this.m = m;
        boolean staff = me.role() == Role.SUPERADMIN || me.role() == Role.ADMIN;
        this.mode = caps.adminPush() && staff ? Mode.OPERATOR_API : Mode.SELF;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public PeopleListing people() {
        return call(() -> api.people().visibleTo(me, caps));
    }

    @Override
    public List<PushSubscription> subscriptions(String userId) {
        return call(() -> api.push().adminPushSubscriptions(userId));
    }

    @Override
    public PushSent send(String userId, PushSubscription subscription, PushMessage message, Instant at) {
        if (subscription.audience().wire() == null) {
            throw new Failure(m.get("push.error.audience"), false, null);
        }
        return call(() -> api.push().adminTestPush(userId, subscription.audience().wire(), message.title(), message.body(), message.data(at),
                subscription.id()));
    }

    @Override
    public PushSent sendSelf() {
        return call(api.push()::testPushSelf);
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            boolean none = e.kind() == ApiException.Kind.BUSINESS && e.serverMessage() != null
                    && e.serverMessage().startsWith("No subscriptions found");
            throw new Failure(none ? m.get("push.error.noSubscriptions") : ErrorTexts.of(m, e), none, e);
        }
    }
}

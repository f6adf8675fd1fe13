package kg.evpower.console.push;

import kg.evpower.console.api.PeopleApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.PushSent;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.i18n.ErrorTexts;

/**
 * {@link PushGateway} over the EvPower API. People come from {@code /admin/users} by role (owners and superadmins,
 * every page) and {@code /admin/operators}: production's users listing fails as a whole (500) when any listed person has
 * no email, which every phone-created operator lacks (contract §2.5), so operators are never read through it.
 */
public final class ApiPushGateway implements PushGateway {

    private static final int PAGE = 100;

    private final EvPowerClient api;
    private final UserAccount me;
    private final Mode mode;
    private final Messages m;

    public ApiPushGateway(EvPowerClient api, UserAccount me, ServerCapabilities caps, Messages m) {
        this.api = api;
        this.me = me;
        this.m = m;
        boolean staff = me.role() == Role.SUPERADMIN || me.role() == Role.ADMIN;
        this.mode = caps.adminPush() && staff ? Mode.OPERATOR_API : Mode.SELF;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public List<StaffMember> people() {
        return call(() -> {
            Map<String, StaffMember> byId = new LinkedHashMap<>();
            if (me.role() == Role.SUPERADMIN) {
                for (String role : List.of("admin", "superadmin")) {
                    int page = 1;
                    while (true) {
                        PeopleApi.StaffPage p = api.people().adminUsers(role, page, PAGE);
                        p.people().forEach(s -> byId.putIfAbsent(s.id(), s));
                        if (p.people().size() < PAGE || (long) page * PAGE >= p.total()) {
                            break;
                        }
                        page++;
                    }
                }
            } else {
                byId.put(me.userId(), new StaffMember(me.userId(), me.name(), me.email(), me.phone(), me.role(), me.active(),
                        me.stationsCount(), me.locationsCount(), null));
            }
            if (me.role() == Role.SUPERADMIN || me.role() == Role.ADMIN) {
                api.people().adminOperators().forEach(s -> byId.putIfAbsent(s.id(), s));
            }
            return new ArrayList<>(byId.values());
        });
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

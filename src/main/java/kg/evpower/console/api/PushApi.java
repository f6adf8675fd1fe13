package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * Web Push tests: the operator API's per-person subscriptions and test, and production's self-test (contract §8.4).
 */
public final class PushApi {

    private final ApiTransport t;

    PushApi(ApiTransport t) {
        this.t = t;
    }

    /** Operator API: one person's push subscriptions. */
    public List<kg.evpower.console.domain.PushSubscription> adminPushSubscriptions(String userId) {
        Dto.PushSubscriptions r = t.call("GET", ServerCapabilities.ADMIN_PUSH_SUBSCRIPTIONS + "?user_id=" + ApiTransport.enc(userId), null,
                Dto.PushSubscriptions.class, ApiTransport.Auth.SESSION);
        return r.subscriptions() == null ? List.of() : r.subscriptions().stream().map(WireMapper::subscription).toList();
    }

    /**
     * Operator API: a test push to one person's subscriptions of {@code userType} (only {@code subscriptionId} when not
     * null); {@code data} is sent as given, in its order. "No subscriptions found" is a {@code BUSINESS} failure.
     */
    public kg.evpower.console.domain.PushSent adminTestPush(String userId, String userType, String title, String body,
                                                            Map<String, Object> data, String subscriptionId) {
        Map<String, Object> req = new java.util.LinkedHashMap<>();
        req.put("user_id", userId);
        req.put("user_type", userType);
        req.put("title", title);
        req.put("body", body);
        req.put("data", data);
        if (subscriptionId != null) {
            req.put("subscription_id", subscriptionId);
        }
        return WireMapper.pushSent(t.call("POST", ServerCapabilities.ADMIN_PUSH_TEST, req, Dto.PushTest.class, ApiTransport.Auth.SESSION));
    }

    /**
     * Production's {@code POST /notifications/test}: its fixed message to the caller's own subscriptions of the type
     * their account implies (client, for every owner with a clients row; contract §8.4).
     */
    public kg.evpower.console.domain.PushSent testPushSelf() {
        return WireMapper.pushSent(t.call("POST", "/api/v1/notifications/test", Map.of(), Dto.PushTest.class, ApiTransport.Auth.SESSION));
    }
}

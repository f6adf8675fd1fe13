package kg.evpower.sandbox.server.http;

import java.time.Instant;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.push.PushService;

/**
 * Operator API (proposed, contract §9.2 item 9): an owner's push subscriptions and a test push to them with a result
 * per subscription. A superadmin reaches anyone; an admin (owner) reaches themselves and their own operators.
 */
public final class AdminPushRoutes {

    static final String DEFAULT_TITLE = "Тестовое уведомление EvPower";
    static final String DEFAULT_BODY = "Проверка доставки уведомлений";

    public static final String SUBSCRIPTIONS = "/api/v1/admin/push-subscriptions";
    public static final String TEST = "/api/v1/admin/notifications/test";

    private final Database db;
    private final Supplier<Instant> clock;
    private final PushService push;
    private final Roles.Callers callers;

    public AdminPushRoutes(Database db, Supplier<Instant> clock, PushService push) {
        this(db, clock, push, Roles.Callers.of(db));
    }

    /** {@code callers}: who is asking (the operator gateway asks the backend). */
    public AdminPushRoutes(Database db, Supplier<Instant> clock, PushService push, Roles.Callers callers) {
        this.db = db;
        this.clock = clock;
        this.push = push;
        this.callers = callers;
    }

    public void install(Javalin app) {
        app.get(SUBSCRIPTIONS, this::list);
        app.post(TEST, this::test);
    }

    /** The target user, after the caller's right to reach them is checked. */
    private String target(Context ctx, String userId) {
        Roles.Caller caller = callers.adminOrSuper(ctx);
        if (userId == null || userId.isBlank()) {
            throw ApiError.queryValidation("user_id", "missing", "Field required", null);
        }
        if (!caller.superadmin() && !caller.id().equals(userId)
                && db.queryOne("SELECT 1 FROM users WHERE id = ? AND admin_id = ?", rs -> 1, userId, caller.id()).isEmpty()) {
            throw ApiError.detail(403, "Доступ запрещён");
        }
        boolean exists = db.queryOne("SELECT 1 FROM users WHERE id = ?", rs -> 1, userId).isPresent()
                || db.queryOne("SELECT 1 FROM clients WHERE id = ?", rs -> 1, userId).isPresent();
        if (!exists) {
            throw ApiError.detail(404, "Пользователь не найден");
        }
        return userId;
    }

    private static Map<String, Object> view(PushService.Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("user_id", s.userId());
        m.put("user_type", s.userType());
        m.put("endpoint_host", s.host());
        m.put("user_agent", s.userAgent());
        m.put("created_at", Wire.iso(s.created()));
        m.put("last_used_at", s.lastUsed() == null ? null : Wire.iso(s.lastUsed()));
        return m;
    }

    private void list(Context ctx) {
        String user = target(ctx, ctx.queryParam("user_id"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (PushService.Subscription s : push.subscriptions(user, null)) {
            out.add(view(s));
        }
        ctx.json(Json.obj("success", true, "subscriptions", out));
    }

    private void test(Context ctx) {
        JsonNode body = Json.body(ctx);
        String user = target(ctx, Json.requiredString(body, "user_id"));
        String type = Json.requiredString(body, "user_type");
        if (!type.matches("^(client|owner)$")) {
            throw ApiError.validation("user_type", "string_pattern_mismatch", "String should match pattern '^(client|owner)$'", type);
        }
        String title = Json.string(body, "title");
        String text = Json.string(body, "body");
        String only = Json.string(body, "subscription_id");
        JsonNode dataNode = body.path("data");
        if (!dataNode.isMissingNode() && !dataNode.isNull() && !dataNode.isObject()) {
            throw ApiError.validation("data", "dict_type", "Input should be a valid dictionary", dataNode.toString());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (dataNode.isObject()) {
            data.putAll(Json.MAPPER.convertValue(dataNode, Map.class));
        }
        data.putIfAbsent("type", "test");
        data.putIfAbsent("timestamp", Wire.iso(clock.get()));
        String payload = PushService.payload(title == null || title.isBlank() ? DEFAULT_TITLE : title,
                text == null || text.isBlank() ? DEFAULT_BODY : text, data, "evpower-test", false);
        if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 3800) {
            throw ApiError.validation("body", "too_long", "The message is larger than a push message may be (3800 bytes)", null);
        }
        List<PushService.Subscription> subs = push.subscriptions(user, type).stream()
                .filter(s -> only == null || only.equals(s.id())).toList();
        if (subs.isEmpty()) {
            ctx.json(Json.obj("success", false, "sent_to", 0, "message", "No subscriptions found", "payload", payload, "results", List.of()));
            return;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int delivered = 0;
        for (PushService.Result r : push.sendAll(subs, payload)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subscription_id", r.subscriptionId());
            m.put("endpoint_host", r.endpointHost());
            m.put("status", r.status());
            m.put("outcome", r.outcome());
            m.put("latency_ms", r.latencyMs());
            m.put("error", r.error());
            results.add(m);
            delivered += "delivered".equals(r.outcome()) ? 1 : 0;
        }
        ctx.json(Json.obj("success", true, "sent_to", delivered, "message", "Test notification sent to " + delivered + " device(s)",
                "payload", payload, "results", results));
    }
}

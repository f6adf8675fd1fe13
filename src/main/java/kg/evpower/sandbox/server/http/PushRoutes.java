package kg.evpower.sandbox.server.http;

import java.time.Instant;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.server.push.PushService;

/**
 * Production's push routes (contract §3.7), quirks included — {@code /test} reaches only the caller's own
 * subscriptions of the type their account implies and says "No subscriptions found". The push services the
 * simulated devices subscribe through are the world's ({@code world.push.PushDeviceRoutes}).
 */
public final class PushRoutes {

    /** Production's test message (contract §8.4). */
    static final String TEST_TITLE = "Test Notification";
    static final String TEST_BODY = "This is a test push notification from EvPower";
    /** PostgreSQL's {@code now()::text}. */
    private static final DateTimeFormatter DB_NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private final Database db;
    private final Supplier<Instant> clock;
    private final PushService push;

    public PushRoutes(Database db, Supplier<Instant> clock, PushService push) {
        this.db = db;
        this.clock = clock;
        this.push = push;
    }

    public void install(Javalin app) {
        app.get("/api/v1/notifications/vapid-public-key", ctx -> ctx.json(Json.obj("success", true, "data", Json.obj("public_key",
                push.publicKey()))));
        app.post("/api/v1/notifications/subscribe", this::subscribe);
        app.post("/api/v1/notifications/unsubscribe", this::unsubscribe);
        app.post("/api/v1/notifications/test", this::test);
    }

    private String caller(Context ctx) {
        String uid = Security.uid(ctx);
        if (uid == null) {
            throw ApiError.detail(401, "Missing or invalid authentication");
        }
        return uid;
    }

    private void subscribe(Context ctx) {
        String uid = caller(ctx);
        JsonNode body = Json.body(ctx);
        JsonNode sub = body.path("subscription");
        String endpoint = sub.path("endpoint").asText(null);
        String p256dh = sub.path("keys").path("p256dh").asText(null);
        String auth = sub.path("keys").path("auth").asText(null);
        if (endpoint == null || endpoint.isBlank()) {
            throw ApiError.validation("subscription.endpoint", "missing", "Field required", null);
        }
        if (p256dh == null || auth == null) {
            throw ApiError.validation("subscription.keys", "missing", "Field required", null);
        }
        String type = Json.string(body, "user_type");
        if (type == null || !type.matches("^(client|owner)$")) {
            throw ApiError.validation("user_type", "string_pattern_mismatch", "String should match pattern '^(client|owner)$'", type);
        }
        PushService.Subscribed s = push.subscribe(uid, type, endpoint, p256dh, auth, ctx.userAgent());
        ctx.json(Json.obj("success", true, "message", s.created() ? "Push subscription registered successfully"
                : "Push subscription updated successfully", "subscription_id", s.id()));
    }

    private void unsubscribe(Context ctx) {
        String uid = caller(ctx);
        String endpoint = Json.requiredString(Json.body(ctx), "endpoint");
        boolean removed = push.unsubscribe(uid, endpoint);
        ctx.json(Json.obj("success", removed, "message", removed ? "Push subscription removed successfully" : "Push subscription not found",
                "subscription_id", null));
    }

    private void test(Context ctx) {
        String uid = caller(ctx);
        boolean client = db.queryOne("SELECT 1 FROM clients WHERE id = ?", rs -> 1, uid).isPresent();
        List<PushService.Subscription> subs = push.subscriptions(uid, client ? "client" : "owner");
        if (subs.isEmpty()) {
            ctx.json(Json.obj("success", false, "sent_to", 0, "message", "No subscriptions found"));
            return;
        }
        String payload = PushService.payload(TEST_TITLE, TEST_BODY, Json.obj("type", "test", "timestamp", DB_NOW.format(clock.get())),
                null, false);
        long sent = push.sendAll(subs, payload).stream().filter(r -> "delivered".equals(r.outcome())).count();
        ctx.json(Json.obj("success", true, "sent_to", sent, "message", "Test notification sent to " + sent + " device(s)"));
    }
}

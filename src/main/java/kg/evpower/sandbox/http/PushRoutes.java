package kg.evpower.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.sandbox.SandboxContext;
import kg.evpower.sandbox.push.PushEmulator;
import kg.evpower.sandbox.push.PushService;

/**
 * Production's push routes (contract §3.7), quirks included — {@code /test} reaches only the caller's own
 * subscriptions of the type their account implies and says "No subscriptions found" — and, under {@code /_sandbox/push/},
 * the push-service emulator: the endpoint the simulated devices' subscriptions point at, and controls to list devices,
 * set how each answers, read what each received and subscribe a new one.
 */
public final class PushRoutes {

    /** Production's test message (contract §8.4). */
    static final String TEST_TITLE = "Test Notification";
    static final String TEST_BODY = "This is a test push notification from EvPower";
    /** PostgreSQL's {@code now()::text}. */
    private static final DateTimeFormatter DB_NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private final SandboxContext sb;
    private final PushService push;
    private final PushEmulator emulator;

    public PushRoutes(SandboxContext sb, PushService push, PushEmulator emulator) {
        this.sb = sb;
        this.push = push;
        this.emulator = emulator;
    }

    public void install(Javalin app) {
        app.get("/api/v1/notifications/vapid-public-key", ctx -> ctx.json(Json.obj("success", true, "data", Json.obj("public_key",
                push.publicKey()))));
        app.post("/api/v1/notifications/subscribe", this::subscribe);
        app.post("/api/v1/notifications/unsubscribe", this::unsubscribe);
        app.post("/api/v1/notifications/test", this::test);
        app.post(PushEmulator.PATH + "{service}/{device}", this::receive);
        app.get("/_sandbox/push/devices", this::devices);
        app.post("/_sandbox/push/devices", this::newDevice);
        app.post("/_sandbox/push/devices/{device}", this::setDevice);
        app.get("/_sandbox/push/devices/{device}/messages", this::messages);
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
        boolean client = sb.db().queryOne("SELECT 1 FROM clients WHERE id = ?", rs -> 1, uid).isPresent();
        List<PushService.Subscription> subs = push.subscriptions(uid, client ? "client" : "owner");
        if (subs.isEmpty()) {
            ctx.json(Json.obj("success", false, "sent_to", 0, "message", "No subscriptions found"));
            return;
        }
        String payload = PushService.payload(TEST_TITLE, TEST_BODY, Json.obj("type", "test", "timestamp", DB_NOW.format(sb.clock().get())),
                null, false);
        long sent = push.sendAll(subs, payload).stream().filter(r -> "delivered".equals(r.outcome())).count();
        ctx.json(Json.obj("success", true, "sent_to", sent, "message", "Test notification sent to " + sent + " device(s)"));
    }

    // --- the push-service emulator

    private void receive(Context ctx) {
        PushEmulator.Answer a = emulator.receive(ctx.pathParam("device"), ctx.header("Authorization"), ctx.header("Content-Encoding"),
                ctx.header("TTL"), ctx.header("Urgency"), ctx.bodyAsBytes());
        ctx.status(a.status());
        if (a.messageId() != null) {
            ctx.header("Location", "/_sandbox/push/messages/" + a.messageId());
        }
        if (a.status() == 429) {
            ctx.header("Retry-After", "60");
        }
        ctx.result(a.body());
    }

    private Map<String, Object> deviceView(PushEmulator.Device d, List<PushService.Subscription> subs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("service", d.service());
        m.put("label", d.label());
        m.put("answer", d.answer());
        m.put("delay_ms", d.delayMs());
        List<Map<String, Object>> s = new ArrayList<>();
        for (PushService.Subscription x : subs) {
            if (x.endpoint().endsWith("/" + d.id())) {
                s.add(Json.obj("subscription_id", x.id(), "user_id", x.userId(), "user_type", x.userType()));
            }
        }
        m.put("subscriptions", s);
        return m;
    }

    private void devices(Context ctx) {
        String user = ctx.queryParam("user_id");
        List<PushService.Subscription> subs = push.all();
        List<Map<String, Object>> out = new ArrayList<>();
        for (PushEmulator.Device d : emulator.devices()) {
            Map<String, Object> v = deviceView(d, subs);
            if (user == null || ((List<?>) v.get("subscriptions")).stream().anyMatch(x -> user.equals(((Map<?, ?>) x).get("user_id")))) {
                out.add(v);
            }
        }
        ctx.json(Json.obj("success", true, "devices", out));
    }

    private void newDevice(Context ctx) {
        JsonNode body = Json.body(ctx);
        String user = Json.requiredString(body, "user_id");
        String type = body.path("user_type").asText("owner");
        String service = body.path("service").asText("fcm");
        String label = body.path("label").asText("Sandbox device");
        String device = emulator.subscribeNew(user, type, service, label, body.path("user_agent").asText(label)).id();
        ctx.json(Json.obj("success", true, "device_id", device));
    }

    private void setDevice(Context ctx) {
        JsonNode body = Json.body(ctx);
        try {
            if (!emulator.setAnswer(ctx.pathParam("device"), body.path("answer").asInt(201), body.path("delay_ms").asInt(0))) {
                throw ApiError.detail(404, "no such device");
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.validation("answer", "value_error", e.getMessage(), body.toString());
        }
        ctx.json(Json.obj("success", true));
    }

    private void messages(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PushEmulator.Message m : emulator.messages(ctx.pathParam("device"))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", m.id());
            v.put("received_at", Wire.iso(m.at()));
            v.put("answered", m.answered());
            v.put("ttl", m.ttl());
            v.put("urgency", m.urgency());
            v.put("vapid_subject", m.vapidSubject());
            v.put("payload", m.payload());
            v.put("problem", m.problem());
            out.add(v);
        }
        ctx.json(Json.obj("success", true, "messages", out));
    }
}
